import { ServerGrid } from '../components/ServerGrid.js';
import { useServerGrid } from '../components/useServerGrid.js';
import { paymentColumns } from './columns.js';
import type { PaymentsQuery } from './filters.js';

interface Props {
  query: PaymentsQuery;
  /** Accessible name of the table. */
  label: string;
  noun: string;
  empty: string;
  selectedId: string | null;
  onOpen: (id: string) => void;
}

/** A page of payments, sorted and paged by the server; a row opens in the side panel. */
export function PaymentsGrid({ query, label, noun, empty, selectedId, onOpen }: Props) {
  const grid = useServerGrid({
    query: 'payments.list',
    // A new search or view starts on the first page.
    resetOn: query,
    input: ({ page, sort }) => ({ ...query, sort: sort.sort as 'paidAt' | 'amount' | 'reference', dir: sort.dir, ...page }),
    columns: paymentColumns,
    sort: { id: 'paidAt', desc: true },
  });
  return (
    <ServerGrid
      grid={grid}
      label={label}
      noun={noun}
      selectedId={selectedId}
      onRowClick={(id) => onOpen(id)}
      loading="Loading payments…"
      empty={empty}
      className="payments-table"
    />
  );
}
