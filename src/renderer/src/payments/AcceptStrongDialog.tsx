import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { StrongSuggestion, StrongSuggestionsResult } from '../../../shared/contract/payments.js';
import { formatKes } from '../../../shared/money.js';
import { runCommand } from '../api/client.js';
import { useApiQuery } from '../api/hooks.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { DialogActions, Modal } from '../components/Modal.js';
import { SimpleTable } from '../components/SimpleTable.js';
import { useAnnounce } from '../shell/Announcer.js';

const HEADINGS = ['Payment', { label: 'Amount', className: 'num' }, 'Payer', 'Matched to', 'Why'] as const;

function Row({ payment: p, suggestion: s }: StrongSuggestion) {
  return (
    <tr>
      <td className="mono">{p.transactionId}</td>
      <td className="num nowrap">{formatKes(p.amountCents)}</td>
      <td>{p.payerName || '—'}</td>
      <td>
        <strong className="mono">{s.billRef}</strong> {s.applicationRef}, {s.applicantName}
      </td>
      <td>
        <ul className="why">
          {s.why.map((w, i) => (
            <li key={i}>{w}</li>
          ))}
        </ul>
      </td>
    </tr>
  );
}

/**
 * "Accept all top suggestions with strong evidence": lists exactly the matches it will make,
 * then makes them in one command when confirmed.
 */
export function AcceptStrongDialog({ onClose }: { onClose: () => void }) {
  const announce = useAnnounce();
  const list = useApiQuery('payments.strongSuggestions', {});
  // The list reviewed is the list applied: the first answer stays, whatever a refresh brings meanwhile.
  const [reviewed, keepReviewed] = useState<StrongSuggestionsResult>();
  if (list.data && !reviewed) keepReviewed(list.data);
  const accept = useMutation({
    mutationFn: (rows: StrongSuggestion[]) =>
      runCommand('payments.acceptSuggestions', { accept: rows.map((r) => ({ paymentId: r.payment.id, invoiceId: r.suggestion.invoiceId })) }),
    onSuccess: (r) => {
      announce(`${r.matched.length} ${r.matched.length === 1 ? 'payment' : 'payments'} matched to their suggested invoices.`);
      onClose();
    },
  });
  const rows = reviewed?.rows ?? [];
  const n = rows.length;
  return (
    <Modal title="Accept all top suggestions with strong evidence" onClose={onClose}>
      <p>
        {!reviewed
          ? 'Finding the strong suggestions…'
          : n === 0
            ? 'No unmatched payment has a top suggestion with strong evidence.'
            : `These ${n} ${n === 1 ? 'payment' : 'payments'} will be matched to the invoice shown, each with its reasons kept as its note. Nothing else changes.`}
        {reviewed && reviewed.more > 0 && ` ${reviewed.more} more wait for the next round.`}
      </p>
      <ErrorAlert error={list.error ?? accept.error} />
      {n > 0 && (
        <SimpleTable label="Matches to make" headings={HEADINGS} frame="accept-list">
          {rows.map((r) => (
            <Row key={r.payment.id} {...r} />
          ))}
        </SimpleTable>
      )}
      <DialogActions onClose={onClose} closeText="Cancel">
        {n > 0 && (
          <button type="button" className="primary" disabled={accept.isPending} onClick={() => accept.mutate(rows)}>
            {`Accept ${n} ${n === 1 ? 'match' : 'matches'}`}
          </button>
        )}
      </DialogActions>
    </Modal>
  );
}
