import { useEffect, useRef, useState } from 'react';
import type { DecisionResult } from '../../../shared/contract/applications.js';
import { formatKes } from '../../../shared/money.js';
import { SplitView } from '../components/SplitView.js';
import { ServerGrid } from '../components/ServerGrid.js';
import { useServerGrid } from '../components/useServerGrid.js';
import { useCan } from '../session/SessionContext.js';
import { useAnnounce } from '../shell/Announcer.js';
import { ApplicationFiltersBar } from './ApplicationFiltersBar.js';
import { ApplicationPanel } from './ApplicationPanel.js';
import { applicationColumns } from './columns.js';
import { DECISIONS, type DecisionKind } from './decisions.js';
import { toListInput, useApplicationFilters } from './filters.js';
import { ImportDialog } from './ImportDialog.js';
import { decisionTarget, keepToRows } from './queueFocus.js';
import { ShortcutLegend } from './ShortcutLegend.js';
import { ShortcutsDialog } from './ShortcutsDialog.js';
import { useQueueKeys } from './useQueueKeys.js';

const GRID_ID = 'applications-grid';

function decisionNews(ref: string, kind: DecisionKind, r: DecisionResult): string {
  let text = `${ref} ${DECISIONS[kind].past}.`;
  if (r.billRef && r.amountDueCents !== undefined) text += ` Bill reference ${r.billRef}, ${formatKes(r.amountDueCents)}.`;
  if (r.smsId) text += ' SMS queued.';
  else if (r.smsProblem) text += ` No SMS: ${r.smsProblem}`;
  return text;
}

/** The approval officer's queue: filter, sort and page on the server; decide in the side panel. */
export function ApplicationsScreen({ state: stateInRoute }: { state?: string | undefined }) {
  const announce = useAnnounce();
  const canDecide = useCan('application.decide');
  const canImport = useCan('application.import');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [decision, setDecision] = useState<DecisionKind | null>(null);
  const [importing, setImporting] = useState(false);
  const [listingKeys, setListingKeys] = useState(false);
  // After a decision, focus moves to the next application's title so the work carries on there;
  // starting a decision takes that back, so the focus lands in Reason whenever the panel loads.
  const [focusTitle, setFocusTitle] = useState(false);
  // Asking again for the decision already open brings the focus back to its Reason.
  const [reasonFocus, setReasonFocus] = useState(0);
  // Decided here: the list on screen may still show them as submitted until it refreshes.
  const decided = useRef(new Set<string>());
  const grid = useServerGrid({
    query: 'applications.list',
    filters: useApplicationFilters(stateInRoute),
    typed: (f) => f.search,
    input: ({ filters, typed, page, sort }) => toListInput(filters, typed, page, sort),
    columns: applicationColumns,
    sort: { id: 'submittedAt', desc: false },
  });
  const { filters, setFilters, list, rows } = grid;

  // The highlight and the open application are always rows the list shows: a search, filter,
  // sort or page that drops the open application closes it (this render already, then in state).
  const focus = keepToRows(rows, { selectedId, openId });
  useEffect(() => {
    if (focus.selectedId !== selectedId) setSelectedId(focus.selectedId);
    if (focus.openId !== openId) {
      setOpenId(focus.openId);
      setDecision(null);
      setFocusTitle(false);
    }
  }, [focus.selectedId, focus.openId, selectedId, openId]);
  // The rows on screen answer the filters on screen (not a previous answer, nor a search still being typed).
  const listIsCurrent = list.isSuccess && !list.isPlaceholderData && filters.search === grid.typed;

  // The selected row stays in view, and keeps focus when the grid had it.
  useEffect(() => {
    const row = document.querySelector<HTMLElement>(`#${GRID_ID} tr[aria-current="true"]`);
    row?.scrollIntoView({ block: 'nearest' });
    if (row && document.activeElement?.closest(`#${GRID_ID}`)) row.querySelector<HTMLElement>('button')?.focus();
  }, [focus.selectedId]);

  function open(id: string | null) {
    if (id !== openId) setDecision(null);
    setFocusTitle(false);
    setOpenId(id);
  }

  useQueueKeys(
    {
      move: (delta) => {
        const index = rows.findIndex((r) => r.id === focus.selectedId);
        const next = rows[Math.min(rows.length - 1, Math.max(0, index + delta))];
        if (next) setSelectedId(next.id);
      },
      open: () => open(focus.selectedId),
      // Only the highlighted row, and only when it is in the list on screen.
      decide: (kind) => {
        if (!canDecide) return;
        const target = decisionTarget(rows, focus.selectedId, listIsCurrent);
        if (!target) return;
        if (target !== focus.openId) open(target);
        setFocusTitle(false);
        setDecision(kind);
        setReasonFocus((n) => n + 1);
      },
      listShortcuts: () => setListingKeys(true),
    },
    !importing && !listingKeys,
  );

  function onDecided(result: DecisionResult, kind: DecisionKind, ref: string) {
    decided.current.add(result.applicationId);
    const waiting = (r: (typeof rows)[number]) => r.state === 'submitted' && !decided.current.has(r.id);
    const index = rows.findIndex((r) => r.id === result.applicationId);
    const after = rows.slice(index + 1).find(waiting);
    const before = rows.slice(0, Math.max(0, index)).reverse().find(waiting);
    const next = after ?? before ?? null;
    announce(decisionNews(ref, kind, result));
    setDecision(null);
    setFocusTitle(true);
    setOpenId(next?.id ?? null);
    if (next) setSelectedId(next.id);
  }

  return (
    <section className="screen applications-screen" aria-labelledby="applications-title">
      <div className="screen-head">
        <h1 id="applications-title">Applications</h1>
        {canImport && (
          <button type="button" onClick={() => setImporting(true)}>
            Import applications
          </button>
        )}
      </div>
      <ApplicationFiltersBar filters={filters} onChange={setFilters} />
      <SplitView
        panel={
          focus.openId && (
            <ApplicationPanel
              id={focus.openId}
              focusTitle={focusTitle}
              decision={decision}
              reasonFocus={reasonFocus}
              onStartDecision={setDecision}
              onCancelDecision={() => setDecision(null)}
              onDecided={onDecided}
              onClose={() => open(null)}
            />
          )
        }
      >
        <ServerGrid
          grid={grid}
          id={GRID_ID}
          label="Applications"
          noun="applications"
          selectedId={focus.selectedId}
          onRowClick={(id) => {
            setSelectedId(id);
            open(id);
          }}
          empty="No applications match these filters."
        />
        <ShortcutLegend canDecide={canDecide} />
      </SplitView>
      {importing && <ImportDialog onClose={() => setImporting(false)} />}
      {listingKeys && <ShortcutsDialog canDecide={canDecide} onClose={() => setListingKeys(false)} />}
    </section>
  );
}
