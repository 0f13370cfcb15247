/**
 * TanStack Table v9 in server mode: sorting and paging belong to the back end's queries, so
 * the table only keeps their state and renders the page it is given.
 */
import {
  createColumnHelper,
  metaHelper,
  rowPaginationFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnDef,
  type OnChangeFn,
  type PaginationState,
  type ReactTable,
  type SortingState,
} from '@tanstack/react-table';

export interface GridColumnMeta {
  /** CSS class for the cells of this column (e.g. 'num', 'nowrap'). */
  className?: string;
  /**
   * A column the grid may leave out while a detail panel narrows it (the panel shows the same
   * facts): 1 goes first, then 2, then 3. Columns without one always show.
   */
  dropOrder?: 1 | 2 | 3;
}

/** The CSS classes of a column's cells: its own, and the one that lets a narrow grid leave it out. */
export function columnClass(meta: GridColumnMeta | undefined): string | undefined {
  const classes = [meta?.className, meta?.dropOrder ? `drop-${meta.dropOrder}` : undefined].filter(Boolean);
  return classes.length ? classes.join(' ') : undefined;
}

export const gridFeatures = tableFeatures({
  rowSortingFeature,
  rowPaginationFeature,
  columnMeta: metaHelper<GridColumnMeta>(),
});
export type GridFeatures = typeof gridFeatures;
export type GridTable<T extends object> = ReactTable<GridFeatures, T>;

export function gridColumnHelper<T extends object>() {
  return createColumnHelper<GridFeatures, T>();
}

interface ServerTableOptions<T extends object> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  columns: ColumnDef<GridFeatures, T, any>[];
  data: T[];
  rowCount: number;
  getRowId: (row: T) => string;
  sorting?: SortingState;
  onSortingChange?: OnChangeFn<SortingState>;
  pagination: PaginationState;
  onPaginationChange: OnChangeFn<PaginationState>;
}

export function useServerTable<T extends object>(o: ServerTableOptions<T>): GridTable<T> {
  return useTable({
    features: gridFeatures,
    columns: o.columns,
    data: o.data,
    getRowId: (row) => o.getRowId(row),
    rowCount: o.rowCount,
    manualSorting: true,
    manualPagination: true,
    enableSorting: Boolean(o.onSortingChange),
    enableSortingRemoval: false,
    enableMultiSort: false,
    state: { sorting: o.sorting ?? [], pagination: o.pagination },
    onSortingChange: o.onSortingChange,
    onPaginationChange: o.onPaginationChange,
  });
}
