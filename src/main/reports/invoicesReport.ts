import type BetterSqlite3 from 'better-sqlite3';
import { centsToDecimal } from '../../shared/money.js';
import type { ReportDefinition, ReportFilters } from './types.js';

const COLUMNS = ['bill_ref', 'application_ref', 'national_id', 'amount_due', 'amount_paid', 'balance', 'status'] as const;

interface Row { bill_ref: string; application_ref: string; national_id: string; amount_due_cents: number; amount_paid_cents: number; state: string }

function* rows(sqlite: BetterSqlite3.Database, f: ReportFilters) {
  const where: string[] = [];
  const params: Record<string, string> = {};
  if (f.from) { where.push('i.created_at >= @from'); params.from = f.from; }
  if (f.to) { where.push('i.created_at < @to'); params.to = f.to; }
  if (f.centreId) { where.push('a.centre_id = @centreId'); params.centreId = f.centreId; }
  const stmt = sqlite.prepare(`
    SELECT i.bill_ref, a.application_ref, p.national_id, i.amount_due_cents, i.amount_paid_cents, i.state
    FROM invoices i JOIN applications a ON a.id = i.application_id JOIN practitioners p ON p.id = a.practitioner_id
    ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
    ORDER BY i.created_at, i.id`);
  for (const r of stmt.iterate(params) as IterableIterator<Row>) {
    yield {
      bill_ref: r.bill_ref, application_ref: r.application_ref, national_id: r.national_id,
      amount_due: centsToDecimal(r.amount_due_cents), amount_paid: centsToDecimal(r.amount_paid_cents),
      balance: centsToDecimal(r.amount_due_cents - r.amount_paid_cents), status: r.state,
    };
  }
}

export const invoicesReport: ReportDefinition = {
  name: 'invoices', title: 'Invoices', permission: 'payment.read', personalData: true, columns: COLUMNS, rows,
};
