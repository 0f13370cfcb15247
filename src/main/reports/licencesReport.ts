import type BetterSqlite3 from 'better-sqlite3';
import { isoNairobi } from '../../shared/time.js';
import type { ReportDefinition, ReportFilters } from './types.js';

const COLUMNS = [
  'licence_no', 'licence_year', 'national_id', 'full_name', 'centre', 'status', 'issued_at', 'dispatched_at', 'received_at',
  'collected_at', 'collected_by', 'collector_id_no', 'clerk',
] as const;

interface Row {
  licence_no: string; licence_year: number; national_id: string; full_name: string; centre: string; state: string; issued_at: string;
  dispatched_at: string | null; received_at: string | null; collected_at: string | null; collector_name: string | null;
  collector_id_no: string | null; clerk: string | null;
}

function* rows(sqlite: BetterSqlite3.Database, f: ReportFilters) {
  const where: string[] = [];
  const params: Record<string, string> = {};
  if (f.from) { where.push('l.issued_at >= @from'); params.from = f.from; }
  if (f.to) { where.push('l.issued_at < @to'); params.to = f.to; }
  if (f.centreId) { where.push('l.centre_id = @centreId'); params.centreId = f.centreId; }
  const stmt = sqlite.prepare(`
    SELECT l.licence_no, l.licence_year, p.national_id,
           trim(p.first_name || ' ' || CASE WHEN p.middle_name <> '' THEN p.middle_name || ' ' ELSE '' END || p.last_name) AS full_name,
           c.name AS centre, l.state, l.issued_at, l.dispatched_at, l.received_at, l.collected_at, l.collector_name, l.collector_id_no,
           u.username AS clerk
    FROM licences l JOIN practitioners p ON p.id = l.practitioner_id JOIN centres c ON c.id = l.centre_id
    LEFT JOIN users u ON u.id = l.collected_by_clerk
    ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
    ORDER BY l.licence_year, l.sequence`);
  for (const r of stmt.iterate(params) as IterableIterator<Row>) {
    yield {
      licence_no: r.licence_no, licence_year: r.licence_year, national_id: r.national_id, full_name: r.full_name, centre: r.centre,
      status: r.state, issued_at: isoNairobi(r.issued_at), dispatched_at: isoNairobi(r.dispatched_at), received_at: isoNairobi(r.received_at),
      collected_at: isoNairobi(r.collected_at), collected_by: r.collector_name, collector_id_no: r.collector_id_no, clerk: r.clerk,
    };
  }
}

export const licencesReport: ReportDefinition = {
  name: 'licences', title: 'Licences', permission: 'licence.read', personalData: true, columns: COLUMNS, rows,
};
