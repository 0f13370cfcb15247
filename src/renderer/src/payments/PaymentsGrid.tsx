import type { KeyboardEvent } from 'react';
import { ServerGrid } from '../components/ServerGrid.js';
import { useServerGrid } from '../components/useServerGrid.js';
import { ACCEPT_ATTRIBUTE } from './AcceptSuggestionButton.js';
import { paymentColumns, unmatchedColumns } from './columns.js';
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

/** `a` in an unmatched payment's row (its open button or its Accept) accepts the row's top suggestion. */
function acceptKey(e: KeyboardEvent) {
  if (e.key !== 'a' || e.ctrlKey || e.metaKey || e.altKey) return;
  const target = e.target as HTMLElement;
  if (target.closest('input, textarea, select')) return;
  const accept = target.closest('tr')?.querySelector<HTMLButtonElement>(`button[${ACCEPT_ATTRIBUTE}]`);
  if (!accept || accept.disabled) return;
  e.preventDefault();
  accept.click();
}

/** A page of payments, sorted and paged by the server; a row opens in the side panel. Unmatched ones show their top suggestion. */
export function PaymentsGrid({ query, label, noun, empty, selectedId, onOpen }: Props) {
  const unmatched = query.view === 'unmatched';
  const grid = useServerGrid({
    query: 'payments.list',
    // A new search or view starts on the first page.
    resetOn: query,
    input: ({ page, sort }) => ({ ...query, sort: sort.sort as 'paidAt' | 'amount' | 'reference', dir: sort.dir, ...page }),
    columns: unmatched ? unmatchedColumns : paymentColumns,
    sort: { id: 'paidAt', desc: true },
  });
  return (
    <div className="payments-grid" onKeyDown={unmatched ? acceptKey : undefined}>
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
    </div>
  );
}
