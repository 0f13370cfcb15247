import type BetterSqlite3 from 'better-sqlite3';
import { centsToDecimal } from '../../shared/money.js';
import { isoNairobi } from '../../shared/time.js';
import type { ReportDefinition, ReportFilters } from './types.js';

const COLUMNS = [
  'transaction_id', 'paid_at', 'amount', 'channel', 'reference_typed', 'match_status', 'matched_bill_ref',
  'application_ref', 'match_rule', 'matched_by', 'note',
] as const;

interface Row {
  transaction_id: string; paid_at: string; amount_cents: number; channel: string; reference_typed: string; state: string;
  bill_ref: string | null; application_ref: string | null; match_rule: string | null; matched_by: string | null; note: string | null;
}

function* rows(sqlite: BetterSqlite3.Database, f: ReportFilters) {
  const where: string[] = [];
  const params: Record<string, string> = {};
  if (f.from) { where.push('p.paid_at >= @from'); params.from = f.from; }
  if (f.to) { where.push('p.paid_at < @to'); params.to = f.to; }
  if (f.centreId) { where.push('a.centre_id = @centreId'); params.centreId = f.centreId; }
  const stmt = sqlite.prepare(`
    SELECT p.transaction_id, p.paid_at, p.amount_cents, p.channel, p.reference_typed, p.state, i.bill_ref, a.application_ref,
           p.match_rule, CASE WHEN p.match_rule IS NULL THEN NULL ELSE coalesce(u.username, 'auto-match') END AS matched_by, p.note
    FROM payments p
    LEFT JOIN invoices i ON i.id = p.invoice_id
    LEFT JOIN applications a ON a.id = i.application_id
    LEFT JOIN users u ON u.id = p.matched_by
    ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
    ORDER BY p.paid_at, p.id`);
  for (const r of stmt.iterate(params) as IterableIterator<Row>) {
    yield {
      transaction_id: r.transaction_id, paid_at: isoNairobi(r.paid_at), amount: centsToDecimal(r.amount_cents), channel: r.channel,
      reference_typed: r.reference_typed, match_status: r.state, matched_bill_ref: r.bill_ref, application_ref: r.application_ref,
      match_rule: r.match_rule, matched_by: r.matched_by, note: r.note,
    };
  }
}

export const reconciliationReport: ReportDefinition = {
  name: 'reconciliation', title: 'Reconciliation', permission: 'payment.read', personalData: false, columns: COLUMNS, rows,
};
