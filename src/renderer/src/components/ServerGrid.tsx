import type { MouseEvent, ReactNode } from 'react';
import { DataTable } from './DataTable.js';
import { ErrorAlert } from './ErrorAlert.js';
import { Pager } from './Pager.js';
import type { GridTable } from './serverTable.js';

interface Props<T extends object> {
  /** What useServerGrid gives. */
  grid: { table: GridTable<T>; total: number; list: { error: Error | null; isFetching: boolean; isPending: boolean } };
  /** Accessible name of the table. */
  label: string;
  /** What the rows are, for the pager ("applications"). */
  noun: string;
  /** Shown in the table while the first page loads; "Loading <noun>…" unless said. */
  loading?: string;
  /** Shown in the table when no row matches. */
  empty: ReactNode;
  selectedId?: string | null;
  onRowClick?: (id: string, event: MouseEvent) => void;
  className?: string;
  id?: string;
  /** False: no pager (the rows fit one page). */
  pager?: boolean;
}

/** A server grid as every screen shows it: its error, the table, then the pager. */
export function ServerGrid<T extends object>({ grid, label, noun, loading, empty, selectedId, onRowClick, className, id, pager = true }: Props<T>) {
  return (
    <>
      <ErrorAlert error={grid.list.error} />
      <DataTable
        id={id}
        table={grid.table}
        label={label}
        selectedId={selectedId}
        busy={grid.list.isFetching}
        onRowClick={onRowClick}
        empty={grid.list.isPending ? (loading ?? `Loading ${noun}…`) : empty}
        className={className}
      />
      {pager && <Pager table={grid.table} total={grid.total} noun={noun} />}
    </>
  );
}
