import type { PaginationState, SortingState } from '@tanstack/react-table';
import { useEffect, useState } from 'react';
import type { PaymentRow } from '../../../shared/contract/payments.js';
import { useApiQuery } from '../api/hooks.js';
import { DataTable } from '../components/DataTable.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { Pager } from '../components/Pager.js';
import { useClampPage, useServerTable } from '../components/serverTable.js';
import { paymentColumns } from './columns.js';
import type { PaymentsQuery } from './filters.js';

const NO_ROWS: PaymentRow[] = [];
const NEWEST_FIRST: SortingState = [{ id: 'paidAt', desc: true }];

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
  const [sorting, setSorting] = useState<SortingState>(NEWEST_FIRST);
  const [pagination, setPagination] = useState<PaginationState>({ pageIndex: 0, pageSize: 50 });
  const sort = sorting[0] ?? { id: 'paidAt', desc: true };
  const queryKey = JSON.stringify(query);

  // A new search or view starts on the first page.
  useEffect(() => setPagination((p) => (p.pageIndex === 0 ? p : { ...p, pageIndex: 0 })), [queryKey]);

  const list = useApiQuery(
    'payments.list',
    { ...query, sort: sort.id as 'paidAt' | 'amount' | 'reference', dir: sort.desc ? 'desc' : 'asc', page: pagination.pageIndex, pageSize: pagination.pageSize },
    { keepPrevious: true },
  );
  useClampPage(list.data?.total, pagination, setPagination);
  const table = useServerTable({
    columns: paymentColumns,
    data: list.data?.rows ?? NO_ROWS,
    rowCount: list.data?.total ?? 0,
    getRowId: (row) => row.id,
    sorting,
    onSortingChange: (updater) => {
      setSorting(updater);
      setPagination((p) => ({ ...p, pageIndex: 0 }));
    },
    pagination,
    onPaginationChange: setPagination,
  });

  return (
    <>
      {list.error && <ErrorAlert error={list.error} />}
      <DataTable
        table={table}
        label={label}
        selectedId={selectedId}
        busy={list.isFetching}
        onRowClick={(id) => onOpen(id)}
        empty={list.isPending ? 'Loading payments…' : empty}
        className="payments-table"
      />
      <Pager table={table} total={list.data?.total ?? 0} noun={noun} />
    </>
  );
}
