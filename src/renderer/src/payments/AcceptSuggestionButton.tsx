import { useMutation } from '@tanstack/react-query';
import type { MatchSuggestion, PaymentRow } from '../../../shared/contract/payments.js';
import { formatKes } from '../../../shared/money.js';
import { runCommand } from '../api/client.js';
import { useAnnounce } from '../shell/Announcer.js';

/** Which button the `a` key presses in an unmatched payment's row. */
export const ACCEPT_ATTRIBUTE = 'data-accept-suggestion';

/** Accepts one payment's top suggestion: it is matched to that invoice, the reasons kept as its note. */
export function AcceptSuggestionButton({ payment, suggestion }: { payment: PaymentRow; suggestion: MatchSuggestion }) {
  const announce = useAnnounce();
  const accept = useMutation({
    mutationFn: () => runCommand('payments.acceptSuggestions', { accept: [{ paymentId: payment.id, invoiceId: suggestion.invoiceId }] }),
    onSuccess: () =>
      announce(`Payment ${payment.transactionId} (${formatKes(payment.amountCents)}) matched to ${suggestion.billRef}, ${suggestion.applicationRef}.`),
    onError: (error) => announce(error.message),
  });
  return (
    <button
      type="button"
      {...{ [ACCEPT_ATTRIBUTE]: '' }}
      aria-keyshortcuts="A"
      aria-label={`Accept ${suggestion.billRef}`}
      title="Accept this suggestion (key A in the row)"
      disabled={accept.isPending}
      onClick={(e) => {
        // The row opens the payment on a click; accepting is enough.
        e.stopPropagation();
        accept.mutate();
      }}
    >
      Accept
    </button>
  );
}
