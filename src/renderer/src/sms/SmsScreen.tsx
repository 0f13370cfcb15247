import type { PaginationState } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import type { SmsListResult } from '../../../shared/contract/sms.js';
import { useApiQuery } from '../api/hooks.js';
import { DataTable } from '../components/DataTable.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { Pager } from '../components/Pager.js';
import { useClampPage, useServerTable } from '../components/serverTable.js';
import { useDebounced } from '../components/useDebounced.js';
import { smsColumns } from './columns.js';
import { toSmsListInput, useSmsFilters, type SmsFilters } from './filters.js';
import { SmsFiltersBar } from './SmsFiltersBar.js';
import { SmsPanel } from './SmsPanel.js';

const NO_ROWS: SmsListResult['rows'] = [];
/** Messages to applicants, newest first; a message opens in the side panel. */
export function SmsScreen({ state: stateInRoute }: { state?: string | undefined }) {
  const [filters, setFiltersRaw] = useSmsFilters(stateInRoute);
  const [pagination, setPagination] = useState<PaginationState>({ pageIndex: 0, pageSize: 50 });
  const [openId, setOpenId] = useState<string | null>(null);
  const search = useDebounced(filters.search.trim(), 300);
  const setFilters = (next: SmsFilters) => {
    setFiltersRaw(next);
    setPagination((p) => ({ ...p, pageIndex: 0 }));
  };

  const input = useMemo(() => toSmsListInput(filters, search, pagination), [filters, search, pagination]);
  const list = useApiQuery('sms.list', input, { keepPrevious: true });
  const summary = useApiQuery('sms.summary', {});
  useClampPage(list.data?.total, pagination, setPagination);
  const table = useServerTable({
    columns: smsColumns,
    data: list.data?.rows ?? NO_ROWS,
    rowCount: list.data?.total ?? 0,
    getRowId: (row) => row.id,
    pagination,
    onPaginationChange: setPagination,
  });

  return (
    <section className="screen" aria-labelledby="sms-title">
      <div className="screen-head">
        <h1 id="sms-title">SMS</h1>
      </div>
      {summary.data && !summary.data.gatewayConfigured && !summary.data.sentByServer && (
        <p className="notice">The SMS gateway is not configured: messages wait in the queue until an administrator sets it up in Settings.</p>
      )}
      <SmsFiltersBar filters={filters} onChange={setFilters} />
      <div className={`split sms-split${openId ? ' with-panel' : ''}`}>
        <div className="grid-pane">
          {list.error && <ErrorAlert error={list.error} />}
          <DataTable
            table={table}
            label="SMS messages"
            selectedId={openId}
            busy={list.isFetching}
            onRowClick={(id) => setOpenId(id)}
            empty={list.isPending ? 'Loading messages…' : 'No messages match.'}
          />
          <Pager table={table} total={list.data?.total ?? 0} noun="messages" />
        </div>
        {openId && <SmsPanel id={openId} onClose={() => setOpenId(null)} />}
      </div>
    </section>
  );
}
