import { isValidBillRef } from '../../../shared/billRef.js';
import { formatKes, parseAmountToCents } from '../../../shared/money.js';
import type { RowOutcome } from './collect.js';
import type { RowValues, StatementField } from './columns.js';
import { referenceFromDetails } from './detailsReference.js';
import { quote, RowCheck } from './fields.js';
import { nameFromDetails, parseOtherPartyInfo } from './otherParty.js';

export const STATEMENT_CHANNEL = 'M-PESA paybill';

/**
 * One line of an M-Pesa paybill statement. Only a completed line with money paid in is a
 * payment; failed and reversed lines, reversals, withdrawals and charges are read but not counted.
 * The reference the payer typed is the A/C No.; a statement without that column gives it in
 * Details ("Acc. LB935NHTA4"), read there conservatively (detailsReference.ts).
 */
export function readStatementLine(line: number, values: RowValues<StatementField>, now: string): RowOutcome {
  const check = new RowCheck(line);
  const status = check.required('Transaction Status', values['Transaction Status']);
  if (status !== '' && status.toLowerCase() !== 'completed') return notCounted(line, `Transaction Status is ${quote(status)}`);

  const details = (values.Details ?? '').trim();
  if (/^reversal/i.test(details) || /reversal/i.test(values['Reason Type'] ?? '')) {
    const reverses = (values['Linked Transaction ID'] ?? '').trim().toUpperCase();
    return reverses === '' ? notCounted(line, 'a reversal, not a payment') : notCounted(line, `a reversal of ${reverses}, not a payment`, reverses);
  }

  const paidInText = (values['Paid In'] ?? '').trim();
  const paidIn = paidInText === '' ? 0 : parseAmountToCents(paidInText);
  if (paidIn === 0) {
    const withdrawn = parseAmountToCents(values.Withdrawn ?? '');
    if (withdrawn !== null && withdrawn !== 0) {
      return notCounted(line, `a withdrawal of ${formatKes(Math.abs(withdrawn))}${details === '' ? '' : ` (${quote(details)})`}, not a payment`);
    }
    return notCounted(line, 'nothing paid in');
  }
  const amountCents = check.amount('Paid In', paidInText, { cents: paidIn });

  const transactionId = check.required('Receipt No.', values['Receipt No.']).toUpperCase();
  const paidAt = check.time('Completion Time', values['Completion Time'], now);
  const referenceTyped = values['A/C No.'] === undefined ? referenceInDetails(check, details, values.Details) : check.text('A/C No.', values['A/C No.']);
  // `+254… - NAME` is not a formula: the phone and the name are checked apart.
  const otherParty = values['Other Party Info'] ?? '';
  const party = check.length('Other Party Info', otherParty) ? parseOtherPartyInfo(otherParty) : { phoneRaw: '', name: '' };
  const payerPhoneRaw = check.text('Other Party Info', party.phoneRaw);
  let payerName = check.text('Other Party Info', party.name);
  if (payerName === '' && check.length('Details', values.Details)) payerName = check.text('Details', nameFromDetails(details));

  if (check.problems.length > 0) return { kind: 'problems', problems: check.problems };
  const payerPhone = check.phone('Other Party Info', payerPhoneRaw);
  const account = referenceTyped.toUpperCase().replace(/\s+/g, '');
  return {
    kind: 'payment',
    warnings: check.warnings,
    payment: {
      line,
      source: 'mpesa',
      transactionId,
      amountCents: amountCents!,
      paidAt: paidAt!,
      channel: STATEMENT_CHANNEL,
      payerPhone,
      payerPhoneRaw,
      payerName,
      referenceTyped,
      invoiceAmountCents: null,
      otherSourceKey: account === '' || isValidBillRef(account) ? null : account,
    },
  };
}

function notCounted(line: number, reason: string, reverses?: string): RowOutcome {
  return { kind: 'notCounted', notCounted: reverses === undefined ? { line, reason } : { line, reason, reverses } };
}

/** The reference in Details, for a statement without an A/C No. column; '' with a warning when there is none to be sure of. */
function referenceInDetails(check: RowCheck, details: string, raw: string | undefined): string {
  if (!check.length('Details', raw)) return '';
  const found = referenceFromDetails(details);
  if (found === null) {
    check.warn('Details', `no reference the payer typed ("Acc. ...") found in ${quote(details)}: the payment will wait to be matched by hand`);
    return '';
  }
  return check.text('Details', found);
}
