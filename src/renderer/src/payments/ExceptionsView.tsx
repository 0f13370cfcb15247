import { useState } from 'react';
import type { InvoiceRow } from '../../../shared/contract/payments.js';
import { SearchField } from '../components/SearchField.js';
import { SelectField } from '../components/SelectField.js';
import { useDebounced } from '../components/useDebounced.js';
import { InvoicesGrid } from './InvoicesGrid.js';
import { PaymentsGrid } from './PaymentsGrid.js';

type InvoiceView = 'refund_due' | 'overpaid' | 'partially_paid';
const INVOICE_VIEWS: { value: InvoiceView; label: string }[] = [
  { value: 'refund_due', label: 'Surplus to refund' },
  { value: 'overpaid', label: 'Overpaid' },
  { value: 'partially_paid', label: 'Partially paid' },
];
const REFUND_DUE = { view: 'refund_due' } as const;

interface Props {
  selected: { kind: 'payment' | 'invoice'; id: string } | null;
  onOpenInvoice: (row: InvoiceRow) => void;
  onOpenPayment: (id: string) => void;
}

/** What needs a person beyond matching: invoices paid in part or too much, and payments to give back. */
export function ExceptionsView({ selected, onOpenInvoice, onOpenPayment }: Props) {
  const [view, setView] = useState<InvoiceView>('refund_due');
  const [text, setText] = useState('');
  const search = useDebounced(text.trim(), 300);
  return (
    <>
      <section aria-labelledby="exception-invoices-title">
        <h2 id="exception-invoices-title">Invoices</h2>
        <form className="filters" role="search" aria-label="Filter invoices" onSubmit={(e) => e.preventDefault()}>
          <SelectField label="Invoices to show" options={INVOICE_VIEWS} value={view} onChange={(e) => setView(e.target.value as InvoiceView)} />
          <SearchField
            id="exceptions-invoice-search"
            label="Search invoices"
            placeholder="Bill or application reference, national ID or name"
            value={text}
            onChange={setText}
          />
        </form>
        <InvoicesGrid view={view} search={search} selectedId={selected?.kind === 'invoice' ? selected.id : null} onOpen={onOpenInvoice} />
      </section>
      <section aria-labelledby="refund-payments-title">
        <h2 id="refund-payments-title">Payments to refund</h2>
        <PaymentsGrid
          query={REFUND_DUE}
          label="Payments to refund"
          noun="payments to refund"
          empty="No payment is flagged for a refund."
          selectedId={selected?.kind === 'payment' ? selected.id : null}
          onOpen={onOpenPayment}
        />
      </section>
    </>
  );
}
