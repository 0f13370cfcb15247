import type { ReportDefinition } from './types.js';
import { datetime, filterClause, ident, int, SAMPLE, text } from './types.js';

export const licencesReport: ReportDefinition = {
  name: 'licences', title: 'Licences', permission: 'licence.read', personalData: true,
  columns: [
    ident('licence_no', SAMPLE.licenceNo, 20), int('licence_year'), ident('national_id', SAMPLE.nationalId, 11), text('full_name', 24),
    text('centre', 16), ident('status', 'dispatched', 10), datetime('issued_at'), datetime('dispatched_at'), datetime('received_at'),
    datetime('collected_at'), text('collected_by', 20), ident('collector_id_no', SAMPLE.nationalId, 12), ident('clerk', SAMPLE.username, 12),
  ],
  *rows(sqlite, f) {
    const { sql, params } = filterClause(f, { time: 'l.issued_at', centre: 'l.centre_id', year: 'l.licence_year', state: 'l.state' });
    yield* sqlite.prepare(`
      SELECT l.licence_no, l.licence_year, p.national_id,
             trim(p.first_name || ' ' || CASE WHEN p.middle_name <> '' THEN p.middle_name || ' ' ELSE '' END || p.last_name) AS full_name,
             c.name AS centre, l.state AS status, l.issued_at, l.dispatched_at, l.received_at, l.collected_at,
             l.collector_name AS collected_by, l.collector_id_no, u.username AS clerk
      FROM licences l JOIN practitioners p ON p.id = l.practitioner_id JOIN centres c ON c.id = l.centre_id
      LEFT JOIN users u ON u.id = l.collected_by_clerk
      ${sql} ORDER BY l.licence_year, l.sequence`).iterate(params) as IterableIterator<Record<string, string | number | null>>;
  },
};
