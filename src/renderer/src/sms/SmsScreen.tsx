import type { PaginationState } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { SMS_EVENTS, SMS_STATES, type SmsListResult, type SmsEvent, type SmsState } from '../../../shared/contract/sms.js';
import { useApiQuery } from '../api/hooks.js';
import { DataTable } from '../components/DataTable.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { Pager } from '../components/Pager.js';
import { SelectField } from '../components/SelectField.js';
import { useClampPage, useServerTable } from '../components/serverTable.js';
import { useDebounced } from '../components/useDebounced.js';
import { smsColumns } from './columns.js';
import { SMS_EVENT_LABEL, SMS_STATE_LABEL } from './labels.js';

const NO_ROWS: SmsListResult['rows'] = [];
const STATE_OPTIONS = SMS_STATES.map((s) => ({ value: s, label: SMS_STATE_LABEL[s] }));
const EVENT_OPTIONS = SMS_EVENTS.map((e) => ({ value: e, label: SMS_EVENT_LABEL[e] }));

/** Messages to applicants, newest first. Read-only for now. */
export function SmsScreen() {
  const [state, setState] = useState<SmsState | ''>('');
  const [event, setEvent] = useState<SmsEvent | ''>('');
  const [searchText, setSearchText] = useState('');
  const [pagination, setPagination] = useState<PaginationState>({ pageIndex: 0, pageSize: 50 });
  const search = useDebounced(searchText.trim(), 300);

  const input = useMemo(
    () => ({
      page: pagination.pageIndex,
      pageSize: pagination.pageSize,
      ...(state ? { state } : {}),
      ...(event ? { event } : {}),
      ...(search ? { search } : {}),
    }),
    [pagination, state, event, search],
  );
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
  const firstPage = () => setPagination((p) => ({ ...p, pageIndex: 0 }));

  return (
    <section className="screen" aria-labelledby="sms-title">
      <div className="screen-head">
        <h1 id="sms-title">SMS</h1>
      </div>
      {summary.data && !summary.data.gatewayConfigured && (
        <p className="notice">The SMS gateway is not configured: messages wait in the queue until an administrator sets it up in Settings.</p>
      )}
      <form className="filters" role="search" aria-label="Filter messages" onSubmit={(e) => e.preventDefault()}>
        <div className="field search">
          <label htmlFor="sms-search">Search messages</label>
          <input
            id="sms-search"
            type="search"
            placeholder="Phone, reference or text"
            value={searchText}
            onChange={(e) => {
              setSearchText(e.target.value);
              firstPage();
            }}
          />
        </div>
        <SelectField label="State" empty="Any state" options={STATE_OPTIONS} value={state} onChange={(e) => { setState(e.target.value as SmsState | ''); firstPage(); }} />
        <SelectField label="Event" empty="Any event" options={EVENT_OPTIONS} value={event} onChange={(e) => { setEvent(e.target.value as SmsEvent | ''); firstPage(); }} />
      </form>
      {list.error && <ErrorAlert error={list.error} />}
      <DataTable table={table} label="SMS messages" busy={list.isFetching} empty={list.isPending ? 'Loading messages…' : 'No messages match.'} />
      <Pager table={table} total={list.data?.total ?? 0} noun="messages" />
    </section>
  );
}
