import type { PaginationState } from '@tanstack/react-table';
import { useEffect, useState } from 'react';
import type { InvoiceRow } from '../../../shared/contract/payments.js';
import { useApiQuery } from '../api/hooks.js';
import { DataTable } from '../components/DataTable.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { Pager } from '../components/Pager.js';
import { useClampPage, useServerTable } from '../components/serverTable.js';
import { invoiceColumns } from './invoiceColumns.js';

const NO_ROWS: InvoiceRow[] = [];

interface Props {
  view: 'partially_paid' | 'overpaid' | 'refund_due';
  search: string;
  selectedId: string | null;
  onOpen: (row: InvoiceRow) => void;
}

/** Invoices in one exceptional state, paged by the server (oldest first). */
export function InvoicesGrid({ view, search, selectedId, onOpen }: Props) {
  const [pagination, setPagination] = useState<PaginationState>({ pageIndex: 0, pageSize: 25 });
  useEffect(() => setPagination((p) => (p.pageIndex === 0 ? p : { ...p, pageIndex: 0 })), [view, search]);
  const list = useApiQuery(
    'invoices.list',
    { view, ...(search ? { search } : {}), page: pagination.pageIndex, pageSize: pagination.pageSize },
    { keepPrevious: true },
  );
  const rows = list.data?.rows ?? NO_ROWS;
  useClampPage(list.data?.total, pagination, setPagination);
  const table = useServerTable({
    columns: invoiceColumns,
    data: rows,
    rowCount: list.data?.total ?? 0,
    getRowId: (row) => row.id,
    pagination,
    onPaginationChange: setPagination,
  });

  return (
    <>
      {list.error && <ErrorAlert error={list.error} />}
      <DataTable
        table={table}
        label="Invoices needing attention"
        selectedId={selectedId}
        busy={list.isFetching}
        onRowClick={(id) => {
          const row = rows.find((r) => r.id === id);
          if (row) onOpen(row);
        }}
        empty={list.isPending ? 'Loading invoices…' : 'No invoice is in this state.'}
      />
      <Pager table={table} total={list.data?.total ?? 0} noun="invoices" />
    </>
  );
}
