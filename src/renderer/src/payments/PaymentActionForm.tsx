import type { PaymentDetail } from '../../../shared/contract/payments.js';
import { formatKes } from '../../../shared/money.js';
import { runCommand } from '../api/client.js';
import { ReasonForm } from './ReasonForm.js';

export type PaymentAction = 'ignore' | 'flagRefund' | 'unmatch' | 'refundMade';

export const PAYMENT_ACTION_LABEL: Record<PaymentAction, string> = {
  ignore: 'Not ours',
  flagRefund: 'Refund due',
  unmatch: 'Unmatch',
  refundMade: 'Refund made',
};

/** The actions a payment in its state allows. */
export function possibleActions(p: PaymentDetail): PaymentAction[] {
  if (p.state === 'unmatched') return ['ignore', 'flagRefund'];
  if (p.state === 'matched') return ['unmatch'];
  if (p.state === 'refund_due' && !p.refundedAt) return ['refundMade'];
  return [];
}

const COMMAND = { ignore: 'payment.ignore', flagRefund: 'payment.flagRefund', unmatch: 'payment.unmatch', refundMade: 'payment.refundMade' } as const;

function title(kind: PaymentAction, p: PaymentDetail): string {
  const what = `${p.transactionId} (${formatKes(p.amountCents)})`;
  switch (kind) {
    case 'ignore':
      return `Mark ${what} as not ours`;
    case 'flagRefund':
      return `Flag ${what} for a refund`;
    case 'unmatch':
      return `Take ${what} off ${p.billRef ?? 'its invoice'}`;
    case 'refundMade':
      return `Record the refund of ${what} as made`;
  }
}

function explanation(kind: PaymentAction, p: PaymentDetail): string {
  switch (kind) {
    case 'ignore':
      return 'The payment was not meant for the Board (for example, another paybill account). It leaves the unmatched list and is counted as not ours.';
    case 'flagRefund':
      return 'The money is ours to give back (for example, a payment for a rejected application). Record the refund once it is made.';
    case 'unmatch':
      return `The payment goes back to unmatched and the invoice is worked out again without it${p.applicationRef ? `: ${p.applicationRef} may no longer be paid` : ''}.`;
    case 'refundMade':
      return 'Confirm only once the money has been sent back to the payer. Say how, for example the M-Pesa reversal or cheque number.';
  }
}

function news(kind: PaymentAction, p: PaymentDetail): string {
  const what = `Payment ${p.transactionId}`;
  switch (kind) {
    case 'ignore':
      return `${what} marked as not ours.`;
    case 'flagRefund':
      return `${what} flagged for a refund of ${formatKes(p.amountCents)}.`;
    case 'unmatch':
      return `${what} taken off ${p.billRef ?? 'its invoice'} and back to unmatched.`;
    case 'refundMade':
      return `Refund of ${formatKes(p.amountCents)} for ${what} recorded as made.`;
  }
}

/** Not ours, Refund due, Unmatch or Refund made: a reason, then Confirm. */
export function PaymentActionForm({ payment, kind, onDone }: { payment: PaymentDetail; kind: PaymentAction; onDone: () => void }) {
  return (
    <ReasonForm
      title={title(kind, payment)}
      danger={kind !== 'refundMade'}
      run={(reason) => runCommand(COMMAND[kind], { paymentId: payment.id, reason })}
      news={() => news(kind, payment)}
      onDone={onDone}
    >
      <p>{explanation(kind, payment)}</p>
    </ReasonForm>
  );
}
