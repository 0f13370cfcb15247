import type BetterSqlite3 from 'better-sqlite3';
import type { ReportDefinition, ReportFilters } from './types.js';

const COLUMNS = ['centre', 'issued', 'dispatched', 'at_centre', 'collected', 'awaiting_over_30_days'] as const;

/** One row per centre: licences by state, and those waiting at the centre for more than 30 days. */
function* rows(sqlite: BetterSqlite3.Database, f: ReportFilters, now = new Date().toISOString()) {
  const where: string[] = [];
  const params: Record<string, string> = { now };
  if (f.from) { where.push('l.issued_at >= @from'); params.from = f.from; }
  if (f.to) { where.push('l.issued_at < @to'); params.to = f.to; }
  if (f.centreId) { where.push('c.id = @centreId'); params.centreId = f.centreId; }
  const stmt = sqlite.prepare(`
    SELECT c.name AS centre,
           count(CASE WHEN l.state = 'issued' THEN 1 END) AS issued,
           count(CASE WHEN l.state = 'dispatched' THEN 1 END) AS dispatched,
           count(CASE WHEN l.state = 'at_centre' THEN 1 END) AS at_centre,
           count(CASE WHEN l.state = 'collected' THEN 1 END) AS collected,
           count(CASE WHEN l.state = 'at_centre' AND julianday(@now) - julianday(l.state_since) > 30 THEN 1 END) AS awaiting_over_30_days
    FROM centres c LEFT JOIN licences l ON l.centre_id = c.id ${f.from || f.to ? `AND ${where.filter((w) => w.startsWith('l.')).join(' AND ')}` : ''}
    ${f.centreId ? 'WHERE c.id = @centreId' : 'WHERE c.active = 1 OR l.id IS NOT NULL'}
    GROUP BY c.id ORDER BY c.name`);
  yield* stmt.iterate(params) as IterableIterator<Record<string, string | number>>;
}

export const collectionReport: ReportDefinition = {
  name: 'collection', title: 'Collection by centre', permission: 'licence.read', personalData: false, columns: COLUMNS, rows: (s, f) => rows(s, f),
};
