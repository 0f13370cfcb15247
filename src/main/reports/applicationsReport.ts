import type BetterSqlite3 from 'better-sqlite3';
import { centsToDecimal } from '../../shared/money.js';
import { isoNairobi } from '../../shared/time.js';
import type { ReportDefinition, ReportFilters } from './types.js';

const COLUMNS = [
  'application_ref', 'submitted_at', 'national_id', 'registration_no', 'full_name', 'phone', 'cadre',
  'licence_year', 'cpd_points', 'collection_centre', 'status', 'decided_by', 'decided_at', 'reason',
  'bill_ref', 'amount_due', 'amount_paid', 'licence_no',
] as const;

interface Row {
  application_ref: string; submitted_at: string; national_id: string; registration_no: string;
  first_name: string; middle_name: string; last_name: string; phone: string | null; phone_raw: string;
  cadre: string; licence_year: number; cpd_points: number; centre_name: string | null; centre_text: string;
  state: string; decided_by: string | null; decided_at: string | null; decision_reason: string | null;
  bill_ref: string | null; amount_due_cents: number | null; amount_paid_cents: number | null;
}

function* rows(sqlite: BetterSqlite3.Database, f: ReportFilters) {
  const where: string[] = [];
  const params: Record<string, string> = {};
  if (f.from) { where.push('a.submitted_at >= @from'); params.from = f.from; }
  if (f.to) { where.push('a.submitted_at < @to'); params.to = f.to; }
  if (f.centreId) { where.push('a.centre_id = @centreId'); params.centreId = f.centreId; }
  const stmt = sqlite.prepare(`
    SELECT a.application_ref, a.submitted_at, p.national_id, p.registration_no, p.first_name, p.middle_name,
           p.last_name, p.phone, p.phone_raw, a.cadre, a.licence_year, a.cpd_points, c.name AS centre_name,
           a.centre_text, a.state, u.username AS decided_by, a.decided_at, a.decision_reason,
           i.bill_ref, i.amount_due_cents, i.amount_paid_cents
    FROM applications a
    JOIN practitioners p ON p.id = a.practitioner_id
    LEFT JOIN centres c ON c.id = a.centre_id
    LEFT JOIN users u ON u.id = a.decided_by
    LEFT JOIN invoices i ON i.application_id = a.id
    ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
    ORDER BY a.submitted_at, a.id`);
  for (const r of stmt.iterate(params) as IterableIterator<Row>) {
    yield {
      application_ref: r.application_ref,
      submitted_at: isoNairobi(r.submitted_at),
      national_id: r.national_id,
      registration_no: r.registration_no,
      full_name: [r.first_name, r.middle_name, r.last_name].filter(Boolean).join(' '),
      phone: r.phone ?? r.phone_raw,
      cadre: r.cadre,
      licence_year: r.licence_year,
      cpd_points: r.cpd_points,
      collection_centre: r.centre_name ?? r.centre_text,
      status: r.state,
      decided_by: r.decided_by,
      decided_at: isoNairobi(r.decided_at),
      reason: r.decision_reason,
      bill_ref: r.bill_ref,
      amount_due: r.amount_due_cents === null ? null : centsToDecimal(r.amount_due_cents),
      amount_paid: r.amount_paid_cents === null ? null : centsToDecimal(r.amount_paid_cents),
      licence_no: null,
    };
  }
}

export const applicationsReport: ReportDefinition = {
  name: 'applications',
  title: 'Applications',
  permission: 'application.read',
  personalData: true,
  columns: COLUMNS,
  rows,
};
