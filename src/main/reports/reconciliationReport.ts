import type { ReportDefinition } from './types.js';
import { datetime, filterClause, ident, money, SAMPLE, text } from './types.js';

export const reconciliationReport: ReportDefinition = {
  name: 'reconciliation', title: 'Reconciliation', permission: 'payment.read', personalData: false,
  columns: [
    ident('transaction_id', SAMPLE.transactionId, 14), datetime('paid_at'), money('amount'), text('channel', 12),
    ident('reference_typed', SAMPLE.referenceTyped, 16), ident('match_status', 'refund_due', 12), ident('matched_bill_ref', SAMPLE.billRef, 12),
    ident('application_ref', SAMPLE.applicationRef, 16), ident('match_rule', 'check_character', 14), ident('matched_by', SAMPLE.username, 12),
    text('note', 30),
  ],
  totals: ['amount'],
  *rows(sqlite, f) {
    const { sql, params } = filterClause(f, { time: 'p.paid_at', centre: 'a.centre_id', year: 'a.licence_year', state: 'p.state', officer: 'u.username' });
    yield* sqlite.prepare(`
      SELECT p.transaction_id, p.paid_at, p.amount_cents AS amount, p.channel, p.reference_typed, p.state AS match_status,
             i.bill_ref AS matched_bill_ref, a.application_ref, p.match_rule,
             CASE WHEN p.match_rule IS NULL THEN NULL ELSE coalesce(u.username, 'auto-match') END AS matched_by, p.note
      FROM payments p
      LEFT JOIN invoices i ON i.id = p.invoice_id
      LEFT JOIN applications a ON a.id = i.application_id
      LEFT JOIN users u ON u.id = p.matched_by
      ${sql} ORDER BY p.paid_at, p.id`).iterate(params) as IterableIterator<Record<string, string | number | null>>;
  },
};
