import { MOST_ACCEPTED, type MatchSuggestion, type StrongSuggestion } from '../../shared/contract/payments.js';
import { UserError } from '../../shared/errors.js';
import { formatKes } from '../../shared/money.js';
import { defineCommand, defineQuery } from '../core/registry.js';
import type { ReadableDB } from '../db/handles.js';
import { paymentRows } from './rows.js';
import { settleInvoices } from './settle.js';
import { invoiceSuggester, type PaymentEvidence } from './suggest.js';

type Evidence = PaymentEvidence & { id: string; transaction_id: string; state: string };

/** What the suggestions look at, for the payments named (all unmatched ones, oldest first, without names). */
export function paymentEvidence(db: ReadableDB, ids?: readonly string[]): Evidence[] {
  let q = db
    .selectFrom('payments')
    .select(['id', 'transaction_id', 'state', 'amount_cents', 'reference_clean', 'payer_phone', 'payer_name', 'paid_at'])
    .orderBy('paid_at')
    .orderBy('id');
  q = ids ? q.where('id', 'in', ids.length > 0 ? ids : ['']) : q.where('state', '=', 'unmatched');
  return db.all(q);
}

/**
 * The unmatched payments whose top suggestion is strong, oldest first. An invoice strongly
 * suggested for two payments (paid twice, or one of them is someone else's) is left out: a
 * person decides those.
 */
function strongSuggestions(db: ReadableDB): { id: string; suggestion: MatchSuggestion }[] {
  const suggest = invoiceSuggester(db);
  const strong: { id: string; suggestion: MatchSuggestion }[] = [];
  for (const p of paymentEvidence(db)) {
    const top = suggest(p).suggestions[0];
    if (top?.strong) strong.push({ id: p.id, suggestion: top });
  }
  const claims = new Map<string, number>();
  for (const s of strong) claims.set(s.suggestion.invoiceId, (claims.get(s.suggestion.invoiceId) ?? 0) + 1);
  return strong.filter((s) => claims.get(s.suggestion.invoiceId) === 1);
}

export const paymentsStrongSuggestions = defineQuery('payments.strongSuggestions', async ({ db }) => {
  const strong = strongSuggestions(db);
  const listed = strong.slice(0, MOST_ACCEPTED);
  const rows = new Map(
    db
      .all(
        paymentRows(db).where(
          'p.id',
          'in',
          listed.map((s) => s.id),
        ),
      )
      .map((r) => [r.id, r] as const),
  );
  return {
    rows: listed.map((s): StrongSuggestion => ({ payment: rows.get(s.id)!, suggestion: s.suggestion })),
    more: strong.length - listed.length,
  };
});

/**
 * Matches each payment to the invoice suggested for it, as a person accepted it (one, or the
 * reviewed list of strong ones). Each must still be unmatched and the invoice still suggested
 * for it and open; otherwise nothing is matched and the message names the payment.
 */
export const paymentsAcceptSuggestions = defineCommand('payments.acceptSuggestions', async (ctx, input) => {
  const invoices = new Set(input.accept.map((a) => a.invoiceId));
  if (invoices.size !== input.accept.length) throw new UserError('invalid_input', 'An invoice is named twice: accept one payment for each invoice at a time.');
  const named = new Set(input.accept.map((a) => a.paymentId));
  if (named.size !== input.accept.length) throw new UserError('invalid_input', 'A payment is named twice: accept one suggestion for each payment.');
  const payments = new Map(paymentEvidence(ctx.db, [...named]).map((p) => [p.id, p] as const));
  if (payments.size !== named.size) throw new UserError('not_found', 'A payment to accept is not known on this desk.');
  const suggest = invoiceSuggester(ctx.db);
  const accepted = input.accept.map(({ paymentId, invoiceId }) => {
    const p = payments.get(paymentId)!;
    if (p.state !== 'unmatched')
      throw new UserError('invalid_transition', `Payment ${p.transaction_id} is ${p.state.replace('_', ' ')} now: nothing was matched.`);
    const s = suggest(p).suggestions.find((x) => x.invoiceId === invoiceId);
    if (!s) throw new UserError('invalid_input', `That invoice is no longer suggested for payment ${p.transaction_id}: look at it again. Nothing was matched.`);
    if (s.invoiceState !== 'unpaid' && s.invoiceState !== 'partially_paid') {
      throw new UserError('invalid_transition', `${s.billRef} is already paid: match payment ${p.transaction_id} by hand, with a reason. Nothing was matched.`);
    }
    return { p, s };
  });
  for (const { p, s } of accepted) {
    const note = `Suggestion accepted: ${s.why.join('; ')}`.slice(0, 1000);
    ctx.db.run(
      ctx.db
        .updateTable('payments')
        .set((eb) => ({
          state: 'matched',
          invoice_id: s.invoiceId,
          match_rule: 'manual',
          matched_by: ctx.actor.id,
          matched_at: ctx.now,
          note,
          version: eb('version', '+', 1),
          updated_at: ctx.now,
        }))
        .where('id', '=', p.id),
    );
  }
  settleInvoices(ctx, invoices);
  const one = accepted.length === 1 ? accepted[0]! : null;
  const each = accepted.map(({ p, s }) => `${p.transaction_id} (${formatKes(p.amount_cents)}) to ${s.billRef} (${s.applicationRef})`);
  ctx.audit({
    action: 'payments.acceptSuggestions',
    entity: 'payment',
    entityId: one?.p.id,
    summary: one
      ? `Payment ${each[0]} matched by accepting the suggestion: ${one.s.why.join('; ')}`
      : `${accepted.length} payments matched by accepting their suggestions: ${each.join(', ')}`,
    after: accepted.map(({ p, s }) => ({ paymentId: p.id, invoiceId: s.invoiceId, invoiceStateBefore: s.invoiceState, why: s.why })),
  });
  return { matched: ctx.db.all(paymentRows(ctx.db).where('p.id', 'in', [...payments.keys()])) };
});
