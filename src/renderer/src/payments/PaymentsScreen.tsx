import { useState } from 'react';
import type { InvoiceRow } from '../../../shared/contract/payments.js';
import { useDebounced } from '../components/useDebounced.js';
import { useCanRun } from '../session/useCanRun.js';
import { navigate } from '../shell/routes.js';
import { AcceptStrongDialog } from './AcceptStrongDialog.js';
import { AutoMatchButton } from './AutoMatchButton.js';
import { ExceptionsView } from './ExceptionsView.js';
import { toPaymentsQuery, usePaymentFilters } from './filters.js';
import { ImportPaymentsDialog } from './ImportPaymentsDialog.js';
import { InvoicePanel } from './InvoicePanel.js';
import { PaymentFiltersBar } from './PaymentFiltersBar.js';
import { PaymentPanel } from './PaymentPanel.js';
import { PaymentsGrid } from './PaymentsGrid.js';
import { PaymentTabs } from './PaymentTabs.js';
import { usePeriod } from './period.js';
import { PAYMENT_TABS, TAB_PANEL_ID, tabId, toTab, type PaymentTab } from './tabs.js';
import { TotalsSummary } from './TotalsSummary.js';

type Selected = { kind: 'payment'; id: string } | { kind: 'invoice'; id: string; row: InvoiceRow };

const EMPTY: Record<Exclude<PaymentTab, 'exceptions'>, string> = {
  unmatched: 'No unmatched payment: everything received is accounted for.',
  matched: 'No matched payment matches these filters.',
  all: 'No payment matches these filters.',
};

/** Payments received, matched to invoices by rule or by hand; totals for a period; refunds (#/payments/unmatched …). */
export function PaymentsScreen({ tab: tabInRoute }: { tab: string | undefined }) {
  const tab = toTab(tabInRoute);
  const canImport = useCanRun('payments.import');
  const canReconcile = useCanRun('payments.autoMatch');
  const [period, setPeriod] = usePeriod();
  const [filters, setFilters] = usePaymentFilters();
  const [selected, setSelected] = useState<Selected | null>(null);
  const [importing, setImporting] = useState(false);
  const [acceptingStrong, setAcceptingStrong] = useState(false);
  const search = useDebounced(filters.search.trim(), 300);
  const label = PAYMENT_TABS.find((t) => t.id === tab)?.label ?? '';

  return (
    <section className="screen payments-screen" aria-labelledby="payments-title">
      <div className="screen-head">
        <h1 id="payments-title">Payments</h1>
        <div className="head-actions">
          {canReconcile && <AutoMatchButton />}
          {canReconcile && tab === 'unmatched' && (
            <button type="button" onClick={() => setAcceptingStrong(true)}>
              Accept all top suggestions with strong evidence
            </button>
          )}
          {canImport && (
            <button type="button" onClick={() => setImporting(true)}>
              Import payments
            </button>
          )}
        </div>
      </div>
      <TotalsSummary period={period} onChange={setPeriod} />
      <PaymentTabs current={tab} onSelect={(next) => navigate('payments', next)} />
      <div className={`split payments-split${selected ? ' with-panel' : ''}`}>
        <div className="grid-pane" role="tabpanel" id={TAB_PANEL_ID} aria-labelledby={tabId(tab)}>
          {tab === 'exceptions' ? (
            <ExceptionsView
              selected={selected}
              onOpenInvoice={(row) => setSelected({ kind: 'invoice', id: row.id, row })}
              onOpenPayment={(id) => setSelected({ kind: 'payment', id })}
            />
          ) : (
            <>
              <PaymentFiltersBar filters={filters} onChange={setFilters} withState={tab === 'all'} />
              <PaymentsGrid
                query={toPaymentsQuery(tab, filters, search, period)}
                label={`${label} payments`}
                noun="payments"
                empty={EMPTY[tab]}
                selectedId={selected?.kind === 'payment' ? selected.id : null}
                onOpen={(id) => setSelected({ kind: 'payment', id })}
              />
            </>
          )}
        </div>
        {selected?.kind === 'payment' && <PaymentPanel key={selected.id} id={selected.id} onClose={() => setSelected(null)} />}
        {selected?.kind === 'invoice' && (
          <InvoicePanel
            key={selected.id}
            invoice={selected.row}
            onChanged={(row) => setSelected({ kind: 'invoice', id: row.id, row })}
            onOpenPayment={(id) => setSelected({ kind: 'payment', id })}
            onClose={() => setSelected(null)}
          />
        )}
      </div>
      {importing && <ImportPaymentsDialog onClose={() => setImporting(false)} />}
      {acceptingStrong && <AcceptStrongDialog onClose={() => setAcceptingStrong(false)} />}
    </section>
  );
}
