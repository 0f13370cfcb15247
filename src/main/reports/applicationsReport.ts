import type { ReportDefinition } from './types.js';
import { datetime, filterClause, ident, int, money, SAMPLE, text } from './types.js';

export const applicationsReport: ReportDefinition = {
  name: 'applications',
  title: 'Applications',
  permission: 'application.read',
  personalData: true,
  columns: [
    ident('application_ref', SAMPLE.applicationRef, 16), datetime('submitted_at'), ident('national_id', SAMPLE.nationalId, 11),
    ident('registration_no', SAMPLE.registrationNo, 12), text('full_name', 24), ident('phone', SAMPLE.phone, 13), ident('cadre', 'technologist', 12),
    int('licence_year'), int('cpd_points'), text('collection_centre', 16), ident('status', 'submitted', 10), ident('decided_by', SAMPLE.username, 12),
    datetime('decided_at'), text('reason', 30), ident('bill_ref', SAMPLE.billRef, 12), money('amount_due'), money('amount_paid'),
    ident('licence_no', SAMPLE.licenceNo, 20),
  ],
  totals: ['amount_due', 'amount_paid'],
  *rows(sqlite, f) {
    const { sql, params } = filterClause(f, { time: 'a.submitted_at', centre: 'a.centre_id', year: 'a.licence_year', state: 'a.state', officer: 'u.username' });
    yield* sqlite.prepare(`
      SELECT a.application_ref, a.submitted_at, p.national_id, p.registration_no,
             trim(p.first_name || ' ' || CASE WHEN p.middle_name <> '' THEN p.middle_name || ' ' ELSE '' END || p.last_name) AS full_name,
             coalesce(p.phone, p.phone_raw) AS phone, a.cadre, a.licence_year, a.cpd_points, coalesce(c.name, a.centre_text) AS collection_centre,
             a.state AS status, u.username AS decided_by, a.decided_at, a.decision_reason AS reason, i.bill_ref,
             i.amount_due_cents AS amount_due, i.amount_paid_cents AS amount_paid, l.licence_no
      FROM applications a
      JOIN practitioners p ON p.id = a.practitioner_id
      LEFT JOIN centres c ON c.id = a.centre_id
      LEFT JOIN users u ON u.id = a.decided_by
      LEFT JOIN invoices i ON i.application_id = a.id
      LEFT JOIN licences l ON l.application_id = a.id
      ${sql}
      ORDER BY a.submitted_at, a.id`).iterate(params) as IterableIterator<Record<string, string | number | null>>;
  },
};
