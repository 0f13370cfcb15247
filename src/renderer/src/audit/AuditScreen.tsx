import type { PaginationState } from '@tanstack/react-table';
import { useEffect, useMemo, useState } from 'react';
import type { AuditVerifyResult } from '../../../shared/contract/index.js';
import type { AuditRow } from '../../../shared/contract/insight.js';
import { runQuery } from '../api/client.js';
import { useApiQuery } from '../api/hooks.js';
import { DataTable } from '../components/DataTable.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { Pager } from '../components/Pager.js';
import { useClampPage, useServerTable } from '../components/serverTable.js';
import { useDebounced } from '../components/useDebounced.js';
import { AuditEventPanel } from './AuditEventPanel.js';
import { AuditFiltersBar } from './AuditFiltersBar.js';
import { auditColumns } from './columns.js';
import { NO_AUDIT_FILTERS, toAuditInput, useAuditFilters, type AuditFilters } from './filters.js';
import { VerifyChain } from './VerifyChain.js';

const NO_ROWS: AuditRow[] = [];

/** The audit trail, newest first, filtered and paged on the server; read-only. Verify chain checks it whole. */
export function AuditScreen() {
  const [filters, setFiltersRaw] = useAuditFilters();
  const [pagination, setPagination] = useState<PaginationState>({ pageIndex: 0, pageSize: 50 });
  const [open, setOpen] = useState<AuditRow | null>(null);
  /** An event asked for by "Show event N", until its page arrives. */
  const [wanted, setWanted] = useState<number | null>(null);
  const [verdict, setVerdict] = useState<AuditVerifyResult | null>(null);
  const settled = useDebounced(filters, 300);
  const setFilters = (next: AuditFilters) => {
    setFiltersRaw(next);
    setPagination((p) => ({ ...p, pageIndex: 0 }));
  };

  const input = useMemo(() => toAuditInput(settled, pagination), [settled, pagination]);
  const list = useApiQuery('audit.list', input, { keepPrevious: true });
  const rows = list.data?.rows ?? NO_ROWS;
  useClampPage(list.data?.total, pagination, setPagination);
  const table = useServerTable({
    columns: auditColumns,
    data: rows,
    rowCount: list.data?.total ?? 0,
    getRowId: (row) => String(row.seq),
    pagination,
    onPaginationChange: setPagination,
  });

  useEffect(() => {
    if (wanted === null || list.isPlaceholderData) return;
    const row = rows.find((r) => r.seq === wanted);
    if (row) {
      setOpen(row);
      setWanted(null);
    }
  }, [rows, wanted, list.isPlaceholderData]);

  /** The trail is numbered without gaps unless one was deleted, so the event's page follows from the newest number. */
  async function showEvent(seq: number) {
    setFiltersRaw(NO_AUDIT_FILTERS);
    const newest = (await runQuery('audit.list', { page: 0, pageSize: 1 })).rows[0]?.seq ?? seq;
    setPagination((p) => ({ ...p, pageIndex: Math.max(0, Math.floor((newest - seq) / p.pageSize)) }));
    setWanted(seq);
  }

  const missing = wanted !== null && !list.isFetching && JSON.stringify(settled) === JSON.stringify(NO_AUDIT_FILTERS) && !rows.some((r) => r.seq === wanted);
  return (
    <section className="screen audit-screen" aria-labelledby="audit-title">
      <div className="screen-head">
        <h1 id="audit-title">Audit</h1>
      </div>
      <VerifyChain onResult={setVerdict} onShowEvent={(seq) => void showEvent(seq)} />
      <h2>Audit trail</h2>
      <AuditFiltersBar filters={filters} onChange={setFilters} />
      {missing && <p className="warn">Event {wanted} is not on this page of the trail: it may have been deleted.</p>}
      <div className={`split audit-split${open ? ' with-panel' : ''}`}>
        <div className="grid-pane">
          {list.error && <ErrorAlert error={list.error} />}
          <DataTable
            table={table}
            label="Audit trail"
            selectedId={open ? String(open.seq) : null}
            busy={list.isFetching}
            onRowClick={(id) => setOpen(rows.find((r) => String(r.seq) === id) ?? null)}
            empty={list.isPending ? 'Loading the audit trail…' : 'No event matches these filters.'}
          />
          <Pager table={table} total={list.data?.total ?? 0} noun="events" />
        </div>
        {open && (
          <AuditEventPanel
            key={open.seq}
            event={open}
            problem={verdict?.firstBad?.seq === open.seq ? verdict.firstBad.problem : undefined}
            onClose={() => setOpen(null)}
          />
        )}
      </div>
    </section>
  );
}
