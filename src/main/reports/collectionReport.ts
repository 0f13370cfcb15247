import type { ReportDefinition } from './types.js';
import { int, text } from './types.js';

/** One row per centre: its licences by state, and those waiting at the centre for more than 30 days. */
export const collectionReport: ReportDefinition = {
  name: 'collection', title: 'Collection by centre', permission: 'licence.read', personalData: false,
  columns: [text('centre', 20), int('issued'), int('dispatched'), int('at_centre'), int('collected'), int('awaiting_over_30_days', 12)],
  *rows(sqlite, f, now) {
    const on: string[] = [];
    const params: Record<string, string> = { now };
    if (f.from) { on.push('l.issued_at >= @from'); params.from = f.from; }
    if (f.to) { on.push('l.issued_at < @to'); params.to = f.to; }
    if (f.licenceYear) { on.push('l.licence_year = @licenceYear'); params.licenceYear = String(f.licenceYear); }
    if (f.centreId) params.centreId = f.centreId;
    yield* sqlite.prepare(`
      SELECT c.name AS centre,
             count(CASE WHEN l.state = 'issued' THEN 1 END) AS issued,
             count(CASE WHEN l.state = 'dispatched' THEN 1 END) AS dispatched,
             count(CASE WHEN l.state = 'at_centre' THEN 1 END) AS at_centre,
             count(CASE WHEN l.state = 'collected' THEN 1 END) AS collected,
             count(CASE WHEN l.state = 'at_centre' AND julianday(@now) - julianday(l.state_since) > 30 THEN 1 END) AS awaiting_over_30_days
      FROM centres c LEFT JOIN licences l ON l.centre_id = c.id ${on.length ? `AND ${on.join(' AND ')}` : ''}
      WHERE ${f.centreId ? 'c.id = @centreId' : '(c.active = 1 OR l.id IS NOT NULL)'}
      GROUP BY c.id ORDER BY c.name`).iterate(params) as IterableIterator<Record<string, string | number | null>>;
  },
};
