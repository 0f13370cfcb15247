import type { PaymentListRow } from '../../../shared/contract/payments.js';
import { useCanRun } from '../session/useCanRun.js';
import { AcceptSuggestionButton } from './AcceptSuggestionButton.js';

/** An unmatched payment's most likely invoice, why, and Accept. */
export function TopSuggestionCell({ row }: { row: PaymentListRow }) {
  const canAccept = useCanRun('payments.acceptSuggestions');
  const s = row.suggestion;
  if (!s) return <span className="muted">No suggestion</span>;
  return (
    <div className="top-suggestion">
      <div>
        <strong className="mono">{s.billRef}</strong> {s.applicantName}
        {s.strong && (
          <>
            {' '}
            <span className="badge strong-evidence">strong evidence</span>
          </>
        )}
      </div>
      <ul className="why" aria-label={`Why ${s.billRef}`}>
        {s.why.map((w, i) => (
          <li key={i}>{w}</li>
        ))}
      </ul>
      {canAccept && <AcceptSuggestionButton payment={row} suggestion={s} />}
    </div>
  );
}
