import type { PaginationState } from '@tanstack/react-table';
import { useState } from 'react';
import type { LicenceRow } from '../../../shared/contract/licences.js';
import { displayPhone } from '../../../shared/phone.js';
import { useApiQuery } from '../api/hooks.js';
import { DataTable } from '../components/DataTable.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { Pager } from '../components/Pager.js';
import { gridColumnHelper, useClampPage, useServerTable } from '../components/serverTable.js';

const col = gridColumnHelper<LicenceRow>();
const columns = col.columns([
  col.accessor('licenceNo', { header: 'Licence number', meta: { className: 'nowrap' } }),
  col.accessor('holderName', { header: 'Holder' }),
  col.accessor('nationalId', { header: 'National ID' }),
  col.accessor('phone', { header: 'Phone', meta: { className: 'nowrap' }, cell: (c) => displayPhone(c.getValue()) }),
  col.accessor('batchNo', { header: 'Batch', meta: { className: 'nowrap' }, cell: (c) => c.getValue() ?? '—' }),
  col.accessor('daysInState', { header: 'Days waiting', meta: { className: 'num' } }),
]);
const NO_ROWS: LicenceRow[] = [];

/** Licences at the centre that nobody has collected yet, the longest waiting first. */
export function WaitingList() {
  const [pagination, setPagination] = useState<PaginationState>({ pageIndex: 0, pageSize: 25 });
  const input = { state: 'at_centre' as const, sort: 'stateSince' as const, dir: 'asc' as const, page: pagination.pageIndex, pageSize: pagination.pageSize };
  const list = useApiQuery('licences.list', input, { keepPrevious: true });
  useClampPage(list.data?.total, pagination, setPagination);
  const total = list.data?.total ?? 0;
  const table = useServerTable({ columns, data: list.data?.rows ?? NO_ROWS, rowCount: total, getRowId: (r) => r.id, pagination, onPaginationChange: setPagination });
  return (
    <section className="licence-section" aria-labelledby="waiting-title">
      <h2 id="waiting-title">Waiting at the centre</h2>
      <ErrorAlert error={list.error} />
      <DataTable table={table} label="Waiting at the centre" busy={list.isFetching} empty={list.isPending ? 'Loading…' : 'No licences are waiting to be collected.'} />
      <Pager table={table} total={total} noun="licences waiting" />
    </section>
  );
}
