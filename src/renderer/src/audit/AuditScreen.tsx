import { useEffect, useState } from 'react';
import type { AuditVerifyResult } from '../../../shared/contract/index.js';
import type { AuditRow } from '../../../shared/contract/insight.js';
import { runQuery } from '../api/client.js';
import { SplitView } from '../components/SplitView.js';
import { ServerGrid } from '../components/ServerGrid.js';
import { useServerGrid } from '../components/useServerGrid.js';
import { AuditEventPanel } from './AuditEventPanel.js';
import { AuditFiltersBar } from './AuditFiltersBar.js';
import { auditColumns } from './columns.js';
import { NO_AUDIT_FILTERS, toAuditInput, useAuditFilters } from './filters.js';
import { VerifyChain } from './VerifyChain.js';

/** The audit trail, newest first, filtered and paged on the server; read-only. Verify chain checks it whole. */
export function AuditScreen() {
  const [filters, keepFilters] = useAuditFilters();
  const [open, setOpen] = useState<AuditRow | null>(null);
  /** An event asked for by "Show event N", until its page arrives. */
  const [wanted, setWanted] = useState<number | null>(null);
  const [verdict, setVerdict] = useState<AuditVerifyResult | null>(null);
  // Every filter is typed: the trail waits until they settle.
  const grid = useServerGrid({
    query: 'audit.list',
    filters: [filters, keepFilters],
    typed: (f) => f,
    input: ({ typed, page }) => toAuditInput(typed, page),
    columns: auditColumns,
    getRowId: (row) => String(row.seq),
  });
  const { list, rows, typed: settled } = grid;

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
    // Not grid.setFilters: the page is the event's, not the first.
    keepFilters(NO_AUDIT_FILTERS);
    const newest = (await runQuery('audit.list', { page: 0, pageSize: 1 })).rows[0]?.seq ?? seq;
    grid.setPagination((p) => ({ ...p, pageIndex: Math.max(0, Math.floor((newest - seq) / p.pageSize)) }));
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
      <AuditFiltersBar filters={filters} onChange={grid.setFilters} />
      {missing && <p className="warn">Event {wanted} is not on this page of the trail: it may have been deleted.</p>}
      <SplitView
        className="audit-split"
        panel={
          open && (
            <AuditEventPanel
              key={open.seq}
              event={open}
              problem={verdict?.firstBad?.seq === open.seq ? verdict.firstBad.problem : undefined}
              onClose={() => setOpen(null)}
            />
          )
        }
      >
        <ServerGrid
          grid={grid}
          label="Audit trail"
          noun="events"
          selectedId={open ? String(open.seq) : null}
          onRowClick={(id) => setOpen(rows.find((r) => String(r.seq) === id) ?? null)}
          loading="Loading the audit trail…"
          empty="No event matches these filters."
        />
      </SplitView>
    </section>
  );
}
