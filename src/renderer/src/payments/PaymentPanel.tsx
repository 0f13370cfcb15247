import { useRef, useState } from 'react';
import { formatKes } from '../../../shared/money.js';
import { useApiQuery } from '../api/hooks.js';
import { ActionButtons } from '../components/ActionButtons.js';
import { DetailPanel } from '../components/DetailPanel.js';
import { useCanRun } from '../session/useCanRun.js';
import { PaymentStateBadge } from './Badges.js';
import { InvoiceSearch } from './InvoiceSearch.js';
import type { MatchTarget } from './MatchForm.js';
import { PAYMENT_ACTION_LABEL, PaymentActionForm, possibleActions, type PaymentAction } from './PaymentActionForm.js';
import { PaymentDetailView } from './PaymentDetailView.js';
import { SuggestionList } from './SuggestionList.js';

type Open = { id: string; kind: PaymentAction } | { id: string; kind: 'match'; from: 'suggestion' | 'search'; target: MatchTarget };

/** One payment: everything about it, and for officers what can be done with it. */
export function PaymentPanel({ id, onClose }: { id: string; onClose: () => void }) {
  const detail = useApiQuery('payment.detail', { id });
  const canReconcile = useCanRun('payment.match');
  const [open, setOpen] = useState<Open | null>(null);
  const title = useRef<HTMLHeadingElement>(null);
  const p = detail.data?.id === id ? detail.data : undefined;

  const actions = p ? possibleActions(p) : [];
  // A form stays open only while the payment still allows it (someone else may have acted).
  const current = open && open.id === id && p && (open.kind === 'match' ? p.state === 'unmatched' : actions.includes(open.kind)) ? open : null;
  const done = () => {
    setOpen(null);
    title.current?.focus();
  };
  const match = (from: 'suggestion' | 'search') => (target: MatchTarget | null) => setOpen(target ? { id, kind: 'match', from, target } : null);

  return (
    <DetailPanel label="Payment details" className="payment-panel" query={detail} item={p} loadingText="Loading the payment…" onClose={onClose}>
      {(p) => (
        <>
          <div className="detail-title">
            <h2 ref={title} tabIndex={-1}>
              Payment {p.transactionId}, {formatKes(p.amountCents)}
            </h2>
            <PaymentStateBadge state={p.state} />
          </div>
          {canReconcile && actions.length > 0 && (
            <ActionButtons
              label="Payment actions"
              kinds={actions}
              name={(kind) => PAYMENT_ACTION_LABEL[kind]}
              pressed={current?.kind}
              onPress={(kind) => setOpen({ id, kind })}
            />
          )}
          {canReconcile && current && current.kind !== 'match' && <PaymentActionForm key={current.kind} payment={p} kind={current.kind} onDone={done} />}
          {p.notes.length > 0 && (
            <ul className="payment-notes" aria-label="About this payment">
              {p.notes.map((n, i) => (
                <li key={i} className="notice">
                  {n}
                </li>
              ))}
            </ul>
          )}
          {p.state === 'unmatched' && (
            <SuggestionList
              payment={p}
              canReconcile={canReconcile}
              matching={current?.kind === 'match' && current.from === 'suggestion' ? current.target.invoiceId : null}
              onMatch={match('suggestion')}
              onDone={done}
            />
          )}
          {p.state === 'unmatched' && canReconcile && (
            <InvoiceSearch
              payment={p}
              matching={current?.kind === 'match' && current.from === 'search' ? current.target : null}
              onMatch={match('search')}
              onDone={done}
            />
          )}
          <PaymentDetailView payment={p} />
        </>
      )}
    </DetailPanel>
  );
}
