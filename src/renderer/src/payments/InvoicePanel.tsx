import { useRef, useState } from 'react';
import type { InvoiceRow } from '../../../shared/contract/payments.js';
import { formatKes } from '../../../shared/money.js';
import { formatNairobi } from '../../../shared/time.js';
import { runCommand } from '../api/client.js';
import { useApiQuery } from '../api/hooks.js';
import { SimpleTable } from '../components/SimpleTable.js';
import { PanelBar } from '../components/DetailPanel.js';
import { useCanRun } from '../session/useCanRun.js';
import { InvoiceStateBadge, PaymentStateBadge } from './Badges.js';
import { InvoiceFacts } from './PaymentDetailView.js';
import { ReasonForm } from './ReasonForm.js';

/** The payments matched to an invoice (found by its bill reference). */
function InvoicePayments({ invoice, onOpenPayment }: { invoice: InvoiceRow; onOpenPayment: (id: string) => void }) {
  const list = useApiQuery('payments.list', { view: 'all', search: invoice.billRef, sort: 'paidAt', dir: 'asc', pageSize: 50 });
  const rows = (list.data?.rows ?? []).filter((r) => r.billRef === invoice.billRef);
  return (
    <section aria-labelledby="invoice-payments-title">
      <h3 id="invoice-payments-title">Payments on this invoice</h3>
      <SimpleTable
        label="Payments on this invoice"
        headings={['Transaction id', 'Paid at', { label: 'Amount', className: 'num' }, 'State']}
        empty={rows.length === 0 && { text: 'No payment is matched to it.', loading: list.isPending }}
      >
        {rows.map((r) => (
          <tr key={r.id}>
            <td>
              <button type="button" className="link-button" title="Open the payment" onClick={() => onOpenPayment(r.id)}>
                {r.transactionId}
              </button>
            </td>
            <td className="nowrap">{formatNairobi(r.paidAt)}</td>
            <td className="num nowrap">{formatKes(r.amountCents)}</td>
            <td>
              <PaymentStateBadge state={r.state} />
            </td>
          </tr>
        ))}
      </SimpleTable>
    </section>
  );
}

interface Props {
  invoice: InvoiceRow;
  onChanged: (invoice: InvoiceRow) => void;
  onOpenPayment: (id: string) => void;
  onClose: () => void;
}

/** An invoice in Exceptions: its money, its payments, and for an overpaid one Refund made for the surplus. */
export function InvoicePanel({ invoice, onChanged, onOpenPayment, onClose }: Props) {
  const canReconcile = useCanRun('invoice.refundMade');
  const [refunding, setRefunding] = useState(false);
  const title = useRef<HTMLHeadingElement>(null);
  const canRefund = canReconcile && invoice.refundDueCents > 0 && !invoice.refundedAt;
  const surplus = formatKes(invoice.refundDueCents);

  return (
    <aside className="detail-panel" aria-label="Invoice details">
      <PanelBar onClose={onClose} />
      <div className="detail-title">
        <h2 ref={title} tabIndex={-1}>
          Invoice {invoice.billRef}
        </h2>
        <InvoiceStateBadge state={invoice.state} />
      </div>
      {canRefund && (
        <div className="decision-actions" role="group" aria-label="Invoice actions">
          <button type="button" aria-pressed={refunding} onClick={() => setRefunding(true)}>
            Refund made
          </button>
        </div>
      )}
      {canRefund && refunding && (
        <ReasonForm
          title={`Record the refund of ${surplus} on ${invoice.billRef} as made`}
          run={async (reason) => {
            const after = await runCommand('invoice.refundMade', { invoiceId: invoice.id, reason });
            onChanged(after);
            return after;
          }}
          news={() => `Refund of ${surplus} on ${invoice.billRef} recorded as made.`}
          onDone={() => {
            setRefunding(false);
            title.current?.focus();
          }}
        >
          <p>
            {invoice.applicantName} paid {surplus} more than the amount due. Confirm only once the surplus has been sent back; say how.
          </p>
        </ReasonForm>
      )}
      <section aria-label="Invoice">
        <h3>Invoice</h3>
        <InvoiceFacts invoice={invoice} />
      </section>
      <InvoicePayments invoice={invoice} onOpenPayment={onOpenPayment} />
    </aside>
  );
}
