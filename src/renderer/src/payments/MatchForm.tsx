import type { PaymentDetail } from '../../../shared/contract/payments.js';
import { formatKes } from '../../../shared/money.js';
import { runCommand } from '../api/client.js';
import { ReasonForm } from './ReasonForm.js';

/** An invoice a payment may be matched to, from a suggestion or a search. */
export interface MatchTarget {
  invoiceId: string;
  billRef: string;
  applicationRef: string;
  applicantName: string;
  balanceCents: number;
}

function outcome(amount: number, balance: number): string {
  if (balance <= 0) return 'This invoice is already paid: the payment would make it overpaid, with the surplus due back.';
  if (amount < balance) return `It leaves ${formatKes(balance - amount)} still to pay.`;
  return 'It covers the balance: the application becomes paid and the applicant gets an SMS.';
}

/** Matching by hand: what it will do, a reason, then Confirm. */
export function MatchForm({ payment, target, onDone }: { payment: PaymentDetail; target: MatchTarget; onDone: () => void }) {
  return (
    <ReasonForm
      title={`Match to ${target.billRef} (${target.applicationRef})`}
      run={(reason) => runCommand('payment.match', { paymentId: payment.id, invoiceId: target.invoiceId, reason })}
      news={() => `Payment ${payment.transactionId} (${formatKes(payment.amountCents)}) matched to ${target.billRef}, ${target.applicationRef}.`}
      onDone={onDone}
    >
      <p>
        {formatKes(payment.amountCents)} goes to the invoice of {target.applicantName}, balance {formatKes(target.balanceCents)}.{' '}
        {outcome(payment.amountCents, target.balanceCents)}
      </p>
    </ReasonForm>
  );
}
