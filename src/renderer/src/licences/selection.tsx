/**
 * Row selection for the server-paged grids: the screen holds the selected ids in React state and
 * hands them to the checkbox column through a context, so the column definitions stay stable.
 * Only rows on the page shown count as selected.
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { DisplayColumnDef } from '@tanstack/react-table';
import type { GridFeatures } from '../components/serverTable.js';

export interface Selection {
  ids: string[];
  isSelected(id: string): boolean;
  toggle(id: string): void;
  setAll(on: boolean): void;
  clear(): void;
  allOn: boolean;
}

export function useRowSelection(pageIds: readonly string[]): Selection {
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set());
  const ids = useMemo(() => pageIds.filter((id) => chosen.has(id)), [pageIds, chosen]);
  const toggle = useCallback((id: string) => {
    setChosen((prev) => {
      const next = new Set(prev);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }, []);
  const setAll = useCallback((on: boolean) => setChosen(new Set(on ? pageIds : [])), [pageIds]);
  const clear = useCallback(() => setChosen(new Set()), []);
  return useMemo(
    () => ({ ids, isSelected: (id: string) => ids.includes(id), toggle, setAll, clear, allOn: pageIds.length > 0 && ids.length === pageIds.length }),
    [ids, toggle, setAll, clear, pageIds.length],
  );
}

const SelectionContext = createContext<Selection | null>(null);

export function SelectionProvider({ value, children }: { value: Selection; children: ReactNode }) {
  return <SelectionContext.Provider value={value}>{children}</SelectionContext.Provider>;
}

function useSelectionContext(): Selection {
  const value = useContext(SelectionContext);
  if (!value) throw new Error('A selection column outside SelectionProvider');
  return value;
}

function SelectAllBox() {
  const s = useSelectionContext();
  return (
    <input
      type="checkbox"
      aria-label="Select all"
      checked={s.allOn}
      ref={(el) => {
        if (el) el.indeterminate = s.ids.length > 0 && !s.allOn;
      }}
      onChange={(e) => s.setAll(e.target.checked)}
    />
  );
}

function RowBox({ id, label }: { id: string; label: string }) {
  const s = useSelectionContext();
  return <input type="checkbox" aria-label={`Select ${label}`} checked={s.isSelected(id)} onChange={() => s.toggle(id)} onClick={(e) => e.stopPropagation()} />;
}

/** A checkbox column; `labelOf` names the row for the checkbox's accessible name. */
export function selectColumn<T extends object>(labelOf: (row: T) => string): DisplayColumnDef<GridFeatures, T> {
  return {
    id: 'select',
    enableSorting: false,
    meta: { className: 'select-cell' },
    header: () => <SelectAllBox />,
    cell: (c) => <RowBox id={c.row.id} label={labelOf(c.row.original)} />,
  };
}
