import type { PaginationState, SortingState } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import type { LicenceRow } from '../../../shared/contract/licences.js';
import { useApiQuery } from '../api/hooks.js';
import { DataTable } from '../components/DataTable.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { Pager } from '../components/Pager.js';
import { useClampPage, useServerTable } from '../components/serverTable.js';
import { useDebounced } from '../components/useDebounced.js';
import { useCanRun } from '../session/useCanRun.js';
import { hrefFor } from '../shell/routes.js';
import { CertificatesButton } from './CertificatesButton.js';
import { licenceColumns, selectableLicenceColumns } from './columns.js';
import { DispatchSection } from './DispatchSection.js';
import { NO_FILTERS, toLicencesInput, type LicenceFilters } from './filters.js';
import { IssueSection } from './IssueSection.js';
import { LicenceFiltersBar } from './LicenceFiltersBar.js';
import { LicencePanel } from './LicencePanel.js';
import { SelectionProvider, useRowSelection } from './selection.js';
import './licences.css';

const NO_ROWS: LicenceRow[] = [];
const DEFAULT_SORT: SortingState = [{ id: 'licenceNo', desc: true }];

/** Licences: issue for paid applications and dispatch batches (officers); find any licence and follow it. */
export function LicencesScreen() {
  const canIssue = useCanRun('licence.issue');
  const [filters, setFiltersRaw] = useState<LicenceFilters>(NO_FILTERS);
  const [sorting, setSorting] = useState<SortingState>(DEFAULT_SORT);
  const [pagination, setPagination] = useState<PaginationState>({ pageIndex: 0, pageSize: 50 });
  const [openId, setOpenId] = useState<string | null>(null);
  const search = useDebounced(filters.search, 300);
  const setFilters = (next: LicenceFilters) => {
    setFiltersRaw(next);
    setPagination((p) => ({ ...p, pageIndex: 0 }));
  };
  const sort = sorting[0] ?? { id: 'licenceNo', desc: true };
  // oxlint-disable-next-line react-hooks/exhaustive-deps -- keyed on the sort's fields: the default sort is a new object each render
  const input = useMemo(() => toLicencesInput(filters, search, sort, pagination), [filters, search, sort.id, sort.desc, pagination]);
  const list = useApiQuery('licences.list', input, { keepPrevious: true });
  const rows = list.data?.rows ?? NO_ROWS;
  useClampPage(list.data?.total, pagination, setPagination);
  const pageIds = useMemo(() => rows.map((r) => r.id), [rows]);
  const selection = useRowSelection(pageIds);

  const table = useServerTable({
    columns: canIssue ? selectableLicenceColumns : licenceColumns,
    data: rows,
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
    <section className="screen licences-screen" aria-labelledby="licences-title">
      <div className="screen-head">
        <h1 id="licences-title">Licences</h1>
        <a href={hrefFor('verify')}>Verify a licence</a>
      </div>
      {canIssue && (
        <div className="licence-work">
          <IssueSection />
          <DispatchSection />
        </div>
      )}
      <section className="licence-section" aria-labelledby="all-licences-title">
        <h2 id="all-licences-title">All licences</h2>
        <LicenceFiltersBar filters={filters} onChange={setFilters} />
        {canIssue && (
          <div className="actions bulk-actions" role="group" aria-label="Selected licences">
            <span className="muted">{selection.ids.length ? `${selection.ids.length} selected` : 'Select licences to print their certificates together.'}</span>
            <CertificatesButton licenceIds={selection.ids} label={`Print ${selection.ids.length === 1 ? '1 certificate' : `${selection.ids.length} certificates`}`} />
          </div>
        )}
        <div className={`split licences-split${openId ? ' with-panel' : ''}`}>
          <div className="grid-pane">
            {list.error && <ErrorAlert error={list.error} />}
            <SelectionProvider value={selection}>
              <DataTable
                table={table}
                label="Licences"
                selectedId={openId}
                busy={list.isFetching}
                onRowClick={(id) => setOpenId(id)}
                empty={list.isPending ? 'Loading licences…' : 'No licences match these filters.'}
              />
            </SelectionProvider>
            <Pager table={table} total={list.data?.total ?? 0} noun="licences" />
          </div>
          {openId && <LicencePanel id={openId} onClose={() => setOpenId(null)} />}
        </div>
      </section>
    </section>
  );
}
