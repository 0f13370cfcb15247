import { isValidBillRef } from '../../../shared/billRef.js';
import { formatKes, parseAmountToCents } from '../../../shared/money.js';
import { normalisePhone } from '../../../shared/phone.js';
import type { RowOutcome } from './collect.js';
import type { RowValues, StatementField } from './columns.js';
import { quote, RowCheck } from './fields.js';
import { nameFromDetails, parseOtherPartyInfo } from './otherParty.js';

export const STATEMENT_CHANNEL = 'M-PESA paybill';

/**
 * One line of an M-Pesa paybill statement. Only a completed line with money paid in is a
 * payment; failed and reversed lines, reversals, withdrawals and charges are read but not counted.
 */
export function readStatementLine(line: number, values: RowValues<StatementField>, now: string): RowOutcome {
  const notCounted = (reason: string, reverses?: string): RowOutcome => ({
    kind: 'notCounted',
    notCounted: reverses === undefined ? { line, reason } : { line, reason, reverses },
  });
  const check = new RowCheck(line);
  const status = check.required('Transaction Status', values['Transaction Status']);
  if (status !== '' && status.toLowerCase() !== 'completed') return notCounted(`Transaction Status is ${quote(status)}`);

  const details = (values.Details ?? '').trim();
  if (/^reversal/i.test(details) || /reversal/i.test(values['Reason Type'] ?? '')) {
    const reverses = (values['Linked Transaction ID'] ?? '').trim().toUpperCase();
    return reverses === '' ? notCounted('a reversal, not a payment') : notCounted(`a reversal of ${reverses}, not a payment`, reverses);
  }

  const paidInText = (values['Paid In'] ?? '').trim();
  const paidIn = paidInText === '' ? 0 : parseAmountToCents(paidInText);
  if (paidIn === 0) {
    const withdrawn = parseAmountToCents(values.Withdrawn ?? '');
    if (withdrawn !== null && withdrawn !== 0) {
      return notCounted(`a withdrawal of ${formatKes(Math.abs(withdrawn))}${details === '' ? '' : ` (${quote(details)})`}, not a payment`);
    }
    return notCounted('nothing paid in');
  }
  const amountCents = check.amount('Paid In', paidInText, { cents: paidIn });

  const transactionId = check.required('Receipt No.', values['Receipt No.']).toUpperCase();
  const paidAt = check.time('Completion Time', values['Completion Time'], now);
  const referenceTyped = check.text('A/C No.', values['A/C No.']);
  // `+254… - NAME` is not a formula: the phone and the name are checked apart.
  const otherParty = values['Other Party Info'] ?? '';
  const party = check.length('Other Party Info', otherParty) ? parseOtherPartyInfo(otherParty) : { phoneRaw: '', name: '' };
  const payerPhoneRaw = check.text('Other Party Info', party.phoneRaw);
  let payerName = check.text('Other Party Info', party.name);
  if (payerName === '' && check.length('Details', values.Details)) payerName = check.text('Details', nameFromDetails(details));

  if (check.problems.length > 0) return { kind: 'problems', problems: check.problems };
  const phone = normalisePhone(payerPhoneRaw);
  const account = referenceTyped.toUpperCase().replace(/\s+/g, '');
  return {
    kind: 'payment',
    payment: {
      line,
      source: 'mpesa',
      transactionId,
      amountCents: amountCents!,
      paidAt: paidAt!,
      channel: STATEMENT_CHANNEL,
      payerPhone: phone.ok ? phone.msisdn : null,
      payerPhoneRaw,
      payerName,
      referenceTyped,
      invoiceAmountCents: null,
      otherSourceKey: account === '' || isValidBillRef(account) ? null : account,
    },
  };
}
