import { UserError } from '../../shared/errors.js';
import { normaliseHeader } from '../../shared/headers.js';
import { formatKes } from '../../shared/money.js';
import { defineCommand } from '../core/registry.js';
import { autoMatch } from '../payments/match.js';
import { parsePaymentRecords } from '../payments/parse/index.js';
import { storePayments } from '../payments/store.js';
import { problemIssues, problemsText } from './fields.js';

/** What `payments.source_file` says for a payment that came in through the central service. */
export const NOTIFICATION_SOURCE = 'eCitizen notification';

/**
 * `payments.receive`: one eCitizen/Pesaflow notification object as eCitizen posts it to the
 * central service. Read as a notification of a payments file is; a transaction already known
 * (under its own id or from the other source) changes nothing and is answered `duplicate`; a
 * new payment is stored and auto-matched at once (which settles its invoice and queues the SMS).
 */
export const paymentsReceive = defineCommand('payments.receive', async (ctx, input) => {
  const parsed = parsePaymentRecords([input.notification], { now: ctx.now });
  if (parsed.problems.length > 0) {
    throw new UserError('invalid_input', problemsText(parsed.problems), { issues: problemIssues(parsed.problems) });
  }
  const notCounted = parsed.notCounted[0];
  const payment = parsed.payments[0];
  if (!payment) {
    const reason = notCounted?.reason ?? 'not a payment';
    const transactionId = transactionIdOf(input.notification);
    ctx.audit({
      action: 'payments.receive',
      entity: 'payment',
      summary: `eCitizen notification${transactionId ? ` ${transactionId}` : ''} not counted: ${reason}`,
      after: { transactionId, reason },
    });
    return { outcome: 'not_counted' as const, transactionId, paymentId: null, matchRule: null, billRef: null, reason };
  }

  const stored = storePayments(ctx.db, [payment], { sourceFile: NOTIFICATION_SOURCE, importId: null, now: ctx.now });
  const paymentId = stored.added[0];
  if (!paymentId) {
    ctx.changedNothing();
    return { outcome: 'duplicate' as const, transactionId: payment.transactionId, paymentId: null, matchRule: null, billRef: null, reason: null };
  }
  autoMatch(ctx, [paymentId]);
  const after = ctx.db.first(
    ctx.db
      .selectFrom('payments as p')
      .leftJoin('invoices as i', 'i.id', 'p.invoice_id')
      .select(['p.state', 'p.match_rule as matchRule', 'i.bill_ref as billRef'])
      .where('p.id', '=', paymentId),
  )!;
  ctx.audit({
    action: 'payments.receive',
    entity: 'payment',
    entityId: paymentId,
    summary:
      `eCitizen payment ${payment.transactionId} of ${formatKes(payment.amountCents)} received` +
      (after.billRef ? `, matched to ${after.billRef} (${after.matchRule})` : ', not matched'),
    after: { transactionId: payment.transactionId, amountCents: payment.amountCents, referenceTyped: payment.referenceTyped, ...after },
  });
  return { outcome: 'stored' as const, transactionId: payment.transactionId, paymentId, matchRule: after.matchRule, billRef: after.billRef, reason: null };
});

/** The notification's invoice number, for the trail, when it has one. */
function transactionIdOf(notification: Record<string, unknown>): string | null {
  const entry = Object.entries(notification).find(([k]) => normaliseHeader(k) === 'invoicenumber');
  const value = entry?.[1];
  return typeof value === 'string' || typeof value === 'number' ? String(value).trim().toUpperCase().slice(0, 100) || null : null;
}
