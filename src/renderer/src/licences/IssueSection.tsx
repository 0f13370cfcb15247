import { useMemo, useState } from 'react';
import type { ApplicationRow } from '../../../shared/contract/applications.js';
import { useApiCommand } from '../api/hooks.js';
import { dateColumn, orDash } from '../components/gridColumns.js';
import { ServerGrid } from '../components/ServerGrid.js';
import { gridColumnHelper } from '../components/serverTable.js';
import { useServerGrid } from '../components/useServerGrid.js';
import { useAnnounce } from '../shell/Announcer.js';
import { plural } from '../shell/labels.js';
import { AskFirstButton } from './ConfirmDialog.js';
import { numbersText } from './labels.js';
import { selectColumn, SelectionProvider, useRowSelection } from './selection.js';

const col = gridColumnHelper<ApplicationRow>();
const columns = col.columns([
  selectColumn<ApplicationRow>((r) => r.applicationRef),
  col.accessor('applicationRef', { header: 'Application', meta: { className: 'nowrap' } }),
  col.accessor('fullName', { header: 'Name' }),
  col.accessor('nationalId', { header: 'National ID' }),
  col.accessor('licenceYear', { header: 'Year', meta: { className: 'num' } }),
  col.accessor('centreName', { header: 'Centre', cell: orDash }),
  col.accessor('submittedAt', dateColumn('Submitted')),
]);

/** Paid applications waiting for their licence: issue the selected ones, or all of them. */
export function IssueSection() {
  const announce = useAnnounce();
  const [issued, setIssued] = useState<string[] | null>(null);
  const grid = useServerGrid({
    query: 'applications.list',
    input: ({ page }) => ({ state: 'paid', sort: 'submittedAt', dir: 'asc', ...page }),
    columns,
  });
  const { rows, total } = grid;
  const pageIds = useMemo(() => rows.map((r) => r.id), [rows]);
  const selection = useRowSelection(pageIds);
  const issue = useApiCommand('licence.issue');
  const count = selection.ids.length || total;

  function confirm() {
    return issue.mutateAsync({ applicationIds: selection.ids }).then(({ issued: done }) => {
      const numbers = done.map((l) => l.licenceNo);
      announce(`${plural(numbers.length, 'licence')} issued: ${numbersText(numbers)}.`);
      setIssued(numbers);
      selection.clear();
    });
  }

  return (
    <section className="licence-section" aria-labelledby="issue-title">
      <h2 id="issue-title">Issue licences</h2>
      {issued && (
        <p className="ok-box">
          {plural(issued.length, 'licence')} issued: {numbersText(issued)}.
        </p>
      )}
      <p className="muted">
        {total === 0 ? 'No paid applications are waiting for a licence.' : `${plural(total, 'paid application')} waiting for a licence.`}{' '}
        {total > 0 && (selection.ids.length ? `${selection.ids.length} selected.` : 'With none selected, all of them are issued.')}
      </p>
      <SelectionProvider value={selection}>
        <ServerGrid grid={grid} label="Paid applications" noun="paid applications" empty="No paid applications." pager={total > grid.pagination.pageSize} />
      </SelectionProvider>
      <AskFirstButton label="Issue licences" disabled={total === 0} command={issue} onConfirm={confirm}>
        <p>
          Issue {selection.ids.length ? `licences for the ${plural(count, 'selected application')}` : `licences for all ${plural(count, 'paid application')}`}?
          Each gets the next licence number of its year, and the number cannot be taken back.
        </p>
      </AskFirstButton>
    </section>
  );
}
