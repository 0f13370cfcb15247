import type { RowOutcome } from './collect.js';
import type { EcitizenField, RowValues } from './columns.js';
import { quote, RowCheck } from './fields.js';

/**
 * One eCitizen/Pesaflow notification, from a CSV row or a JSON object. Only `settled` counts;
 * any other status is read but not counted.
 */
export function readNotification(line: number, values: RowValues<EcitizenField>, now: string): RowOutcome {
  const check = new RowCheck(line);
  const status = check.required('status', values.status);
  if (status !== '' && status.toLowerCase() !== 'settled') {
    return { kind: 'notCounted', notCounted: { line, reason: `status is ${quote(status)}, not settled` } };
  }

  const transactionId = check.required('invoice_number', values.invoice_number).toUpperCase();
  const referenceTyped = check.required('client_invoice_ref', values.client_invoice_ref);
  const amountCents = check.amount('amount_paid', values.amount_paid);
  const invoiceAmountCents = check.optionalAmount('invoice_amount', values.invoice_amount);
  const currency = check.text('currency', values.currency).toUpperCase();
  if (currency !== '' && currency !== 'KES') {
    check.problem('currency', `${quote(currency)} is not KES: only payments in Kenya shillings can be imported`);
  }
  const paidAt = check.time('payment_date', values.payment_date, now);
  const channel = check.text('payment_channel', values.payment_channel);
  const payerPhoneRaw = check.text('phone_number', values.phone_number);
  const payerName = check.text('payer_name', values.payer_name).replace(/\s+/g, ' ');
  const paymentReference = check.text('payment_reference', values.payment_reference).toUpperCase();

  if (check.problems.length > 0) return { kind: 'problems', problems: check.problems };
  const payerPhone = check.phone('phone_number', payerPhoneRaw);
  return {
    kind: 'payment',
    warnings: check.warnings,
    payment: {
      line,
      source: 'ecitizen',
      transactionId,
      amountCents: amountCents!,
      paidAt: paidAt!,
      channel,
      payerPhone,
      payerPhoneRaw,
      payerName,
      referenceTyped,
      invoiceAmountCents,
      otherSourceKey: paymentReference === '' ? null : paymentReference,
    },
  };
}
