import { useId } from 'react';
import type { MatchSuggestion, PaymentDetail } from '../../../shared/contract/payments.js';
import { formatKes } from '../../../shared/money.js';
import { InvoiceStateBadge } from './Badges.js';
import { MatchForm, type MatchTarget } from './MatchForm.js';

interface Props {
  payment: PaymentDetail;
  canReconcile: boolean;
  /** The invoice whose Match confirm area is open, if it came from this list. */
  matching: string | null;
  onMatch: (target: MatchTarget) => void;
  /** The confirm area closed (confirmed or not). */
  onDone: () => void;
}

function Suggestion({ s, rank, ...props }: Props & { s: MatchSuggestion; rank: number }) {
  const id = useId();
  const open = props.matching === s.invoiceId;
  return (
    <li className="suggestion">
      <div className="suggestion-head" id={`${id}-head`}>
        <span className="rank">{rank}.</span> <strong className="mono">{s.billRef}</strong> {s.applicationRef}, {s.applicantName} (ID {s.nationalId}){' '}
        <InvoiceStateBadge state={s.invoiceState} /> balance {formatKes(s.balanceCents)}
      </div>
      <ul className="why" aria-label={`Why ${s.billRef}`}>
        {s.why.map((w, i) => (
          <li key={i}>{w}</li>
        ))}
      </ul>
      {props.canReconcile && !open && (
        <button type="button" aria-describedby={`${id}-head`} onClick={() => props.onMatch({ ...s })}>
          Match
        </button>
      )}
      {props.canReconcile && open && <MatchForm payment={props.payment} target={s} onDone={props.onDone} />}
    </li>
  );
}

/** Invoices this unmatched payment may belong to, most likely first, each with its reasons. */
export function SuggestionList(props: Props) {
  const { suggestions } = props.payment;
  return (
    <section aria-labelledby="suggestions-title">
      <h3 id="suggestions-title">Suggested invoices{suggestions.length ? ` (${suggestions.length})` : ''}</h3>
      {suggestions.length === 0 ? (
        <p className="muted">No invoice looks like this payment.{props.canReconcile ? ' Search for one below.' : ''}</p>
      ) : (
        <ol className="suggestions">
          {suggestions.map((s, i) => (
            <Suggestion key={s.invoiceId} s={s} rank={i + 1} {...props} />
          ))}
        </ol>
      )}
    </section>
  );
}
