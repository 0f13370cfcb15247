import type { InvoiceRow } from '../../../shared/contract/payments.js';
import { ServerGrid } from '../components/ServerGrid.js';
import { useServerGrid } from '../components/useServerGrid.js';
import { invoiceColumns } from './invoiceColumns.js';

interface Props {
  view: 'partially_paid' | 'overpaid' | 'refund_due';
  search: string;
  selectedId: string | null;
  onOpen: (row: InvoiceRow) => void;
}

/** Invoices in one exceptional state, paged by the server (oldest first). */
export function InvoicesGrid({ view, search, selectedId, onOpen }: Props) {
  const grid = useServerGrid({
    query: 'invoices.list',
    resetOn: [view, search],
    input: ({ page }) => ({ view, ...(search ? { search } : {}), ...page }),
    columns: invoiceColumns,
    pageSize: 25,
  });
  return (
    <ServerGrid
      grid={grid}
      label="Invoices needing attention"
      noun="invoices"
      selectedId={selectedId}
      onRowClick={(id) => {
        const row = grid.rows.find((r) => r.id === id);
        if (row) onOpen(row);
      }}
      empty="No invoice is in this state."
    />
  );
}
