import { sql, type UpdateObject } from 'kysely';
import type { PaymentState } from '../../shared/contract/payments.js';
import { UserError } from '../../shared/errors.js';
import { formatKes } from '../../shared/money.js';
import { defineCommand, type CommandContext } from '../core/registry.js';
import type { ReadableDB } from '../db/handles.js';
import type { Database } from '../db/schema.js';
import { autoMatch } from './match.js';
import { invoiceRow, paymentRow } from './rows.js';
import { settleInvoices } from './settle.js';

function payment(db: ReadableDB, id: string, expected: PaymentState, doing: string) {
  const p = db.first(db.selectFrom('payments').select(['id', 'state', 'invoice_id', 'amount_cents', 'transaction_id', 'refunded_at']).where('id', '=', id));
  if (!p) throw new UserError('not_found', `No payment with id ${id}.`);
  if (p.state !== expected) throw new UserError('invalid_transition', `This payment is ${p.state.replace('_', ' ')}, so it cannot be ${doing}.`);
  return p;
}

function setState(ctx: CommandContext, id: string, fields: UpdateObject<Database, 'payments'>): void {
  ctx.db.run(
    ctx.db
      .updateTable('payments')
      .set(fields)
      .set((eb) => ({ version: eb('version', '+', 1), updated_at: ctx.now }))
      .where('id', '=', id),
  );
}

export const paymentsAutoMatch = defineCommand('payments.autoMatch', async (ctx) => {
  const result = autoMatch(ctx);
  const m = result.matched;
  ctx.audit({
    action: 'payments.autoMatch',
    entity: 'payment',
    summary: `Auto-match: ${m.exact_reference + m.check_character + m.national_id} matched, ${result.unmatched} left unmatched`,
    after: result,
  });
  return result;
});

export const paymentMatch = defineCommand('payment.match', async (ctx, input) => {
  const p = payment(ctx.db, input.paymentId, 'unmatched', 'matched');
  const invoice = invoiceRow(ctx.db, input.invoiceId);
  setState(ctx, p.id, { state: 'matched', invoice_id: invoice.id, match_rule: 'manual', matched_by: ctx.actor.id, matched_at: ctx.now, note: input.reason });
  settleInvoices(ctx, [invoice.id]);
  const after = invoiceRow(ctx.db, invoice.id);
  ctx.audit({
    action: 'payment.match',
    entity: 'payment',
    entityId: p.id,
    summary: `Payment ${p.transaction_id} (${formatKes(p.amount_cents)}) matched by hand to ${invoice.billRef} (${invoice.applicationRef}): ${input.reason}`,
    before: { state: p.state, invoiceId: null, invoiceState: invoice.state },
    after: { state: 'matched', invoiceId: invoice.id, invoiceState: after.state },
  });
  return paymentRow(ctx.db, p.id);
});

export const paymentUnmatch = defineCommand('payment.unmatch', async (ctx, input) => {
  const p = payment(ctx.db, input.paymentId, 'matched', 'unmatched');
  const invoice = invoiceRow(ctx.db, p.invoice_id!);
  if (invoice.applicationState === 'licensed' && invoice.amountPaidCents - p.amount_cents < invoice.amountDueCents) {
    throw new UserError(
      'invalid_transition',
      `A licence was issued on ${invoice.applicationRef}: taking this payment off would leave it unpaid. Revoke the licence first.`,
    );
  }
  setState(ctx, p.id, { state: 'unmatched', invoice_id: null, match_rule: null, matched_by: null, matched_at: null, note: input.reason });
  settleInvoices(ctx, [invoice.id]);
  ctx.audit({
    action: 'payment.unmatch',
    entity: 'payment',
    entityId: p.id,
    summary: `Payment ${p.transaction_id} (${formatKes(p.amount_cents)}) taken off ${invoice.billRef}: ${input.reason}`,
    before: { state: 'matched', invoiceId: invoice.id },
    after: { state: 'unmatched', invoiceState: invoiceRow(ctx.db, invoice.id).state },
  });
  return paymentRow(ctx.db, p.id);
});

/** Sets an unmatched payment aside (not ours, or to be refunded), its reason as the note. */
function setAside(ctx: CommandContext, input: { paymentId: string; reason: string }, aside: { action: string; to: PaymentState; doing: string; done: string }) {
  const p = payment(ctx.db, input.paymentId, 'unmatched', aside.doing);
  setState(ctx, p.id, { state: aside.to, note: input.reason });
  ctx.audit({
    action: aside.action,
    entity: 'payment',
    entityId: p.id,
    summary: `Payment ${p.transaction_id} (${formatKes(p.amount_cents)}) ${aside.done}: ${input.reason}`,
    before: { state: p.state },
    after: { state: aside.to },
  });
  return paymentRow(ctx.db, p.id);
}

export const paymentIgnore = defineCommand('payment.ignore', async (ctx, input) =>
  setAside(ctx, input, { action: 'payment.ignore', to: 'ignored', doing: 'marked as not ours', done: 'marked as not ours' }),
);

export const paymentFlagRefund = defineCommand('payment.flagRefund', async (ctx, input) =>
  setAside(ctx, input, { action: 'payment.flagRefund', to: 'refund_due', doing: 'flagged for refund', done: 'to be refunded' }),
);

export const paymentRefundMade = defineCommand('payment.refundMade', async (ctx, input) => {
  const p = payment(ctx.db, input.paymentId, 'refund_due', 'marked as refunded');
  if (p.refunded_at) throw new UserError('invalid_transition', 'This refund was already recorded as made.');
  setState(ctx, p.id, { refunded_at: ctx.now, refunded_by: ctx.actor.id, note: sql<string>`coalesce(note || '; ', '') || ${`refunded: ${input.reason}`}` });
  ctx.audit({
    action: 'payment.refundMade',
    entity: 'payment',
    entityId: p.id,
    summary: `Refund of payment ${p.transaction_id} (${formatKes(p.amount_cents)}) made: ${input.reason}`,
    after: { refundedAt: ctx.now },
  });
  return paymentRow(ctx.db, p.id);
});

export const invoiceRefundMade = defineCommand('invoice.refundMade', async (ctx, input) => {
  const invoice = invoiceRow(ctx.db, input.invoiceId);
  if (invoice.refundDueCents <= 0) throw new UserError('invalid_transition', `Invoice ${invoice.billRef} has no surplus to refund.`);
  if (invoice.refundedAt) throw new UserError('invalid_transition', `The surplus on ${invoice.billRef} was already refunded.`);
  ctx.db.run(
    ctx.db
      .updateTable('invoices')
      .set((eb) => ({ refunded_at: ctx.now, refunded_by: ctx.actor.id, version: eb('version', '+', 1), updated_at: ctx.now }))
      .where('id', '=', invoice.id),
  );
  ctx.audit({
    action: 'invoice.refundMade',
    entity: 'invoice',
    entityId: invoice.id,
    summary: `Surplus of ${formatKes(invoice.refundDueCents)} on ${invoice.billRef} refunded: ${input.reason}`,
    after: { refundedAt: ctx.now },
  });
  return invoiceRow(ctx.db, invoice.id);
});
