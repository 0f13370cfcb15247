import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { InvoiceRow, PaymentRow } from '../../shared/contract/payments.js';
import { UserError } from '../../shared/errors.js';

export const PAYMENT_ROW_SQL = `
  SELECT p.id, p.transaction_id AS transactionId, p.source, p.paid_at AS paidAt, p.amount_cents AS amountCents, p.channel,
         p.payer_name AS payerName, p.payer_phone AS payerPhone, p.reference_typed AS referenceTyped, p.state,
         p.match_rule AS matchRule, i.bill_ref AS billRef, a.application_ref AS applicationRef,
         CASE WHEN pr.id IS NULL THEN NULL ELSE trim(pr.first_name || ' ' || pr.last_name) END AS applicantName,
         p.refunded_at AS refundedAt
  FROM payments p
  LEFT JOIN invoices i ON i.id = p.invoice_id
  LEFT JOIN applications a ON a.id = i.application_id
  LEFT JOIN practitioners pr ON pr.id = a.practitioner_id`;

export function paymentRow(sqlite: BetterSqlite3.Database, id: string): PaymentRow {
  const row = sqlite.prepare(`${PAYMENT_ROW_SQL} WHERE p.id = ?`).get(id) as PaymentRow | undefined;
  if (!row) throw new UserError('not_found', `No payment with id ${id}.`);
  return row;
}

export const INVOICE_ROW_SQL = `
  SELECT i.id, i.bill_ref AS billRef, a.id AS applicationId, a.application_ref AS applicationRef, a.state AS applicationState,
         trim(pr.first_name || ' ' || pr.last_name) AS applicantName, pr.national_id AS nationalId,
         i.amount_due_cents AS amountDueCents, i.amount_paid_cents AS amountPaidCents,
         max(i.amount_due_cents - i.amount_paid_cents, 0) AS balanceCents, i.access_fee_cents AS accessFeeCents,
         i.refund_due_cents AS refundDueCents, i.refunded_at AS refundedAt, i.state,
         (SELECT count(*) FROM payments p WHERE p.invoice_id = i.id AND p.state = 'matched') AS payments
  FROM invoices i
  JOIN applications a ON a.id = i.application_id
  JOIN practitioners pr ON pr.id = a.practitioner_id`;

export function invoiceRow(sqlite: BetterSqlite3.Database, id: string): InvoiceRow {
  const row = sqlite.prepare(`${INVOICE_ROW_SQL} WHERE i.id = ?`).get(id) as InvoiceRow | undefined;
  if (!row) throw new UserError('not_found', `No invoice with id ${id}.`);
  return row;
}
