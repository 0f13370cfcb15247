import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { PaymentState } from '../../shared/contract/payments.js';
import { UserError } from '../../shared/errors.js';
import { formatKes } from '../../shared/money.js';
import { defineCommand, type CommandContext } from '../core/registry.js';
import { autoMatch } from './match.js';
import { invoiceRow, paymentRow } from './rows.js';
import { settleInvoices } from './settle.js';

interface PaymentRecord { id: string; state: PaymentState; invoice_id: string | null; amount_cents: number; transaction_id: string; refunded_at: string | null }

function payment(sqlite: BetterSqlite3.Database, id: string, expected: PaymentState, doing: string): PaymentRecord {
  const p = sqlite.prepare('SELECT id, state, invoice_id, amount_cents, transaction_id, refunded_at FROM payments WHERE id = ?').get(id) as PaymentRecord | undefined;
  if (!p) throw new UserError('not_found', `No payment with id ${id}.`);
  if (p.state !== expected) throw new UserError('invalid_transition', `This payment is ${p.state.replace('_', ' ')}, so it cannot be ${doing}.`);
  return p;
}

function setState(ctx: CommandContext, id: string, fields: string, ...params: unknown[]): void {
  ctx.sqlite.prepare(`UPDATE payments SET ${fields}, version = version + 1, updated_at = ? WHERE id = ?`).run(...params, ctx.now, id);
}

export const paymentsAutoMatch = defineCommand('payments.autoMatch', async (_tx, ctx) => {
  const result = autoMatch(ctx);
  const m = result.matched;
  ctx.audit({ action: 'payments.autoMatch', entity: 'payment', summary: `Auto-match: ${m.exact_reference + m.check_character + m.national_id} matched, ${result.unmatched} left unmatched`, after: result });
  return result;
});

export const paymentMatch = defineCommand('payment.match', async (_tx, ctx, input) => {
  const p = payment(ctx.sqlite, input.paymentId, 'unmatched', 'matched');
  const invoice = invoiceRow(ctx.sqlite, input.invoiceId);
  setState(ctx, p.id, `state = 'matched', invoice_id = ?, match_rule = 'manual', matched_by = ?, matched_at = ?, note = ?`, invoice.id, ctx.actor.id, ctx.now, input.reason);
  settleInvoices(ctx, [invoice.id]);
  const after = invoiceRow(ctx.sqlite, invoice.id);
  ctx.audit({
    action: 'payment.match', entity: 'payment', entityId: p.id,
    summary: `Payment ${p.transaction_id} (${formatKes(p.amount_cents)}) matched by hand to ${invoice.billRef} (${invoice.applicationRef}): ${input.reason}`,
    before: { state: p.state, invoiceId: null, invoiceState: invoice.state }, after: { state: 'matched', invoiceId: invoice.id, invoiceState: after.state },
  });
  return paymentRow(ctx.sqlite, p.id);
});

export const paymentUnmatch = defineCommand('payment.unmatch', async (_tx, ctx, input) => {
  const p = payment(ctx.sqlite, input.paymentId, 'matched', 'unmatched');
  const invoice = invoiceRow(ctx.sqlite, p.invoice_id!);
  if (invoice.applicationState === 'licensed' && invoice.amountPaidCents - p.amount_cents < invoice.amountDueCents) {
    throw new UserError('invalid_transition', `A licence was issued on ${invoice.applicationRef}: taking this payment off would leave it unpaid. Revoke the licence first.`);
  }
  setState(ctx, p.id, `state = 'unmatched', invoice_id = NULL, match_rule = NULL, matched_by = NULL, matched_at = NULL, note = ?`, input.reason);
  settleInvoices(ctx, [invoice.id]);
  ctx.audit({
    action: 'payment.unmatch', entity: 'payment', entityId: p.id,
    summary: `Payment ${p.transaction_id} (${formatKes(p.amount_cents)}) taken off ${invoice.billRef}: ${input.reason}`,
    before: { state: 'matched', invoiceId: invoice.id }, after: { state: 'unmatched', invoiceState: invoiceRow(ctx.sqlite, invoice.id).state },
  });
  return paymentRow(ctx.sqlite, p.id);
});

export const paymentIgnore = defineCommand('payment.ignore', async (_tx, ctx, input) => {
  const p = payment(ctx.sqlite, input.paymentId, 'unmatched', 'marked as not ours');
  setState(ctx, p.id, `state = 'ignored', note = ?`, input.reason);
  ctx.audit({ action: 'payment.ignore', entity: 'payment', entityId: p.id, summary: `Payment ${p.transaction_id} (${formatKes(p.amount_cents)}) marked as not ours: ${input.reason}`, before: { state: p.state }, after: { state: 'ignored' } });
  return paymentRow(ctx.sqlite, p.id);
});

export const paymentFlagRefund = defineCommand('payment.flagRefund', async (_tx, ctx, input) => {
  const p = payment(ctx.sqlite, input.paymentId, 'unmatched', 'flagged for refund');
  setState(ctx, p.id, `state = 'refund_due', note = ?`, input.reason);
  ctx.audit({ action: 'payment.flagRefund', entity: 'payment', entityId: p.id, summary: `Payment ${p.transaction_id} (${formatKes(p.amount_cents)}) to be refunded: ${input.reason}`, before: { state: p.state }, after: { state: 'refund_due' } });
  return paymentRow(ctx.sqlite, p.id);
});

export const paymentRefundMade = defineCommand('payment.refundMade', async (_tx, ctx, input) => {
  const p = payment(ctx.sqlite, input.paymentId, 'refund_due', 'marked as refunded');
  if (p.refunded_at) throw new UserError('invalid_transition', 'This refund was already recorded as made.');
  setState(ctx, p.id, `refunded_at = ?, refunded_by = ?, note = coalesce(note || '; ', '') || ?`, ctx.now, ctx.actor.id, `refunded: ${input.reason}`);
  ctx.audit({ action: 'payment.refundMade', entity: 'payment', entityId: p.id, summary: `Refund of payment ${p.transaction_id} (${formatKes(p.amount_cents)}) made: ${input.reason}`, after: { refundedAt: ctx.now } });
  return paymentRow(ctx.sqlite, p.id);
});

export const invoiceRefundMade = defineCommand('invoice.refundMade', async (_tx, ctx, input) => {
  const invoice = invoiceRow(ctx.sqlite, input.invoiceId);
  if (invoice.refundDueCents <= 0) throw new UserError('invalid_transition', `Invoice ${invoice.billRef} has no surplus to refund.`);
  if (invoice.refundedAt) throw new UserError('invalid_transition', `The surplus on ${invoice.billRef} was already refunded.`);
  ctx.sqlite.prepare('UPDATE invoices SET refunded_at = ?, refunded_by = ?, version = version + 1, updated_at = ? WHERE id = ?').run(ctx.now, ctx.actor.id, ctx.now, invoice.id);
  ctx.audit({ action: 'invoice.refundMade', entity: 'invoice', entityId: invoice.id, summary: `Surplus of ${formatKes(invoice.refundDueCents)} on ${invoice.billRef} refunded: ${input.reason}`, after: { refundedAt: ctx.now } });
  return invoiceRow(ctx.sqlite, invoice.id);
});
