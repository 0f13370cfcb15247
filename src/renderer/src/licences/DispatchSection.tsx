import { useMemo, useState } from 'react';
import type { BatchRow, LicenceRow } from '../../../shared/contract/licences.js';
import { useApiCommand, useApiQuery } from '../api/hooks.js';
import { DataTable } from '../components/DataTable.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { SelectField } from '../components/SelectField.js';
import { useServerTable } from '../components/serverTable.js';
import { useAnnounce } from '../shell/Announcer.js';
import { plural } from '../shell/labels.js';
import { dispatchColumns } from './columns.js';
import { AskFirstButton } from './ConfirmDialog.js';
import { ManifestButton } from './ManifestButton.js';
import { SelectionProvider, useRowSelection } from './selection.js';

const NO_ROWS: LicenceRow[] = [];
/** One batch holds at most this many licences from the screen; more wait for the next batch. */
const PAGE = { pageIndex: 0, pageSize: 500 };

/** Issued licences for one centre, grouped into a batch on its way there, with its manifest. */
export function DispatchSection() {
  const announce = useAnnounce();
  const centres = useApiQuery('centres.list', {});
  const [centreId, setCentreId] = useState('');
  const [created, setCreated] = useState<BatchRow | null>(null);
  const issued = useApiQuery(
    'licences.list',
    { state: 'issued', centreId, numbered: true, sort: 'licenceNo', pageSize: PAGE.pageSize },
    { enabled: Boolean(centreId), keepPrevious: true },
  );
  // Issued on this desk and not yet numbered by the central service: they travel after the next sync.
  const unnumbered = useApiQuery('licences.list', { state: 'issued', centreId, numbered: false, pageSize: 1 }, { enabled: Boolean(centreId) });
  const waiting = centreId ? (unnumbered.data?.total ?? 0) : 0;
  const rows = (centreId && issued.data?.rows) || NO_ROWS;
  const total = centreId ? (issued.data?.total ?? 0) : 0;
  const pageIds = useMemo(() => rows.map((r) => r.id), [rows]);
  const selection = useRowSelection(pageIds);
  const create = useApiCommand('batch.create');
  const table = useServerTable({
    columns: dispatchColumns,
    data: rows,
    rowCount: rows.length,
    getRowId: (r) => r.id,
    pagination: PAGE,
    onPaginationChange: () => undefined,
  });
  const centre = centres.data?.find((c) => c.id === centreId);
  const count = selection.ids.length || total;

  function confirm() {
    return create.mutateAsync({ centreId, licenceIds: selection.ids }).then((batch) => {
      announce(`Batch ${batch.batchNo} of ${plural(batch.licenceCount, 'licence')} dispatched to ${batch.centreName}.`);
      setCreated(batch);
      selection.clear();
    });
  }

  return (
    <section className="licence-section" aria-labelledby="dispatch-title">
      <h2 id="dispatch-title">Dispatch</h2>
      <div className="filters">
        <SelectField
          label="Centre to dispatch to"
          empty="Choose a centre"
          options={(centres.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          value={centreId}
          onChange={(e) => {
            setCentreId(e.target.value);
            selection.clear();
          }}
        />
      </div>
      {created && (
        <div className="ok-box batch-created">
          <p>
            Batch <strong>{created.batchNo}</strong> of {plural(created.licenceCount, 'licence')} is on its way to {created.centreName}. Print the manifest to
            send with it.
          </p>
          <ManifestButton batch={created} />
        </div>
      )}
      {issued.error && <ErrorAlert error={issued.error} />}
      {centreId && (
        <>
          <p className="muted">
            {total === 0
              ? `No issued licences are waiting for ${centre?.name ?? 'this centre'}.`
              : `${plural(total, 'issued licence')} for ${centre?.name ?? 'this centre'}.`}{' '}
            {total > 0 && (selection.ids.length ? `${selection.ids.length} selected.` : 'With none selected, the batch takes all of them.')}{' '}
            {waiting > 0 && `${plural(waiting, 'more licence')} ${waiting === 1 ? 'waits' : 'wait'} for the central service's number at the next sync.`}
          </p>
          <SelectionProvider value={selection}>
            <DataTable table={table} label="Ready to dispatch" busy={issued.isFetching} empty={issued.isPending ? 'Loading…' : 'No issued licences.'} />
          </SelectionProvider>
          <AskFirstButton label="Create batch" disabled={total === 0} command={create} onConfirm={confirm}>
            <p>
              Put {selection.ids.length ? `the ${plural(count, 'selected licence')}` : `all ${plural(count, 'issued licence')}`} for {centre?.name} in a batch
              on its way there? They can no longer be reassigned.
            </p>
          </AskFirstButton>
        </>
      )}
    </section>
  );
}
