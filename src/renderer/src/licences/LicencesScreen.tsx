import { useMemo, useState } from 'react';
import { SplitView } from '../components/SplitView.js';
import { ServerGrid } from '../components/ServerGrid.js';
import { useServerGrid } from '../components/useServerGrid.js';
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

/** Licences: issue for paid applications and dispatch batches (officers); find any licence and follow it. */
export function LicencesScreen() {
  const canIssue = useCanRun('licence.issue');
  const [openId, setOpenId] = useState<string | null>(null);
  const grid = useServerGrid({
    query: 'licences.list',
    filters: useState<LicenceFilters>(NO_FILTERS),
    typed: (f) => f.search,
    input: ({ filters, typed, page, sort }) => toLicencesInput(filters, typed, page, sort),
    columns: canIssue ? selectableLicenceColumns : licenceColumns,
    sort: { id: 'licenceNo', desc: true },
  });
  const pageIds = useMemo(() => grid.rows.map((r) => r.id), [grid.rows]);
  const selection = useRowSelection(pageIds);

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
        <LicenceFiltersBar filters={grid.filters} onChange={grid.setFilters} />
        {canIssue && (
          <div className="actions bulk-actions" role="group" aria-label="Selected licences">
            <span className="muted">{selection.ids.length ? `${selection.ids.length} selected` : 'Select licences to print their certificates together.'}</span>
            <CertificatesButton
              licenceIds={selection.ids}
              label={`Print ${selection.ids.length === 1 ? '1 certificate' : `${selection.ids.length} certificates`}`}
            />
          </div>
        )}
        <SplitView className="licences-split" panel={openId && <LicencePanel id={openId} onClose={() => setOpenId(null)} />}>
          <SelectionProvider value={selection}>
            <ServerGrid
              grid={grid}
              label="Licences"
              noun="licences"
              selectedId={openId}
              onRowClick={(id) => setOpenId(id)}
              empty="No licences match these filters."
            />
          </SelectionProvider>
        </SplitView>
      </section>
    </section>
  );
}
