import type { ColumnDef, ColumnSort, PaginationState, SortingState, Updater } from '@tanstack/react-table';
import { useEffect, useState } from 'react';
import type { QueryInput, QueryName, QueryResult } from '../../../shared/contract/index.js';
import { useApiQuery } from '../api/hooks.js';
import { useServerTable, type GridFeatures } from './serverTable.js';
import { useDebounced } from './useDebounced.js';

/** The queries that answer a page of rows and their total. */
export type ListQuery = { [N in QueryName]: QueryResult<N> extends { rows: unknown[]; total: number } ? N : never }[QueryName];
export type RowOf<N extends ListQuery> = QueryResult<N> extends { rows: (infer R)[] } ? (R extends object ? R : never) : never;

/** The page asked for, as list queries take it. */
export interface GridPage {
  page: number;
  pageSize: number;
}
/** The sorted column and direction ('' when the grid does not sort). */
export interface GridSort {
  sort: string;
  dir: 'asc' | 'desc';
}

interface Options<N extends ListQuery, F, S> {
  query: N;
  /** The screen's filters as it keeps them (useState, useSessionFilters): a change goes back to page 1. */
  filters?: readonly [F, (next: F) => void];
  /** The part of the filters typed letter by letter: the query waits until it settles (300 ms). */
  typed?: (filters: F) => S;
  /** The query's input for this page, sort, the filters and their settled typed part. */
  input: (request: { page: GridPage; sort: GridSort; filters: F; typed: S }) => QueryInput<N>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  columns: ColumnDef<GridFeatures, RowOf<N>, any>[];
  /** Default: the row's `id`. */
  getRowId?: (row: RowOf<N>) => string;
  /** The first sort; without one the grid does not sort. */
  sort?: ColumnSort;
  pageSize?: number;
  /** What the grid shows chosen outside it (a tab, a search): a change goes back to page 1. */
  resetOn?: unknown;
}

const NO_FILTERS = [undefined, () => undefined] as const;
const NO_SORT: ColumnSort = { id: '', desc: false };
const firstPage = (p: PaginationState) => (p.pageIndex === 0 ? p : { ...p, pageIndex: 0 });
const rowId = (row: object) => String((row as { id?: unknown }).id);

/**
 * A grid whose rows, sort and pages come from a list query: it owns the filters' page reset
 * (a new filter, sort or outside choice starts on page 1), the paging, the sort, and moves
 * back to the last page when rows leave the result.
 */
export function useServerGrid<N extends ListQuery, F = undefined, S = undefined>(o: Options<N, F, S>) {
  const [filters, keepFilters] = (o.filters ?? NO_FILTERS) as readonly [F, (next: F) => void];
  const typed = useDebounced(o.typed ? o.typed(filters) : (undefined as S), 300);
  const [sorting, setSorting] = useState<SortingState>(o.sort ? [o.sort] : []);
  const [paginationState, setPagination] = useState<PaginationState>({ pageIndex: 0, pageSize: o.pageSize ?? 50 });

  // An outside choice changed: page 1 from this render on.
  const resetKey = JSON.stringify(o.resetOn ?? null);
  const [seenKey, setSeenKey] = useState(resetKey);
  const pagination = seenKey === resetKey ? paginationState : firstPage(paginationState);
  if (seenKey !== resetKey) {
    setSeenKey(resetKey);
    setPagination(firstPage);
  }

  const sorted = sorting[0] ?? o.sort ?? NO_SORT;
  const request = {
    page: { page: pagination.pageIndex, pageSize: pagination.pageSize },
    sort: { sort: sorted.id, dir: sorted.desc ? 'desc' : 'asc' } as GridSort,
    filters,
    typed,
  };
  const list = useApiQuery(o.query, o.input(request), { keepPrevious: true });
  const result = list.data as { rows: RowOf<N>[]; total: number } | undefined;
  const total = result?.total;

  // After rows leave the result (a decision, a new filter), a page past the end moves back to the last page.
  useEffect(() => {
    if (total === undefined) return;
    const last = Math.max(0, Math.ceil(total / pagination.pageSize) - 1);
    if (pagination.pageIndex > last) setPagination({ ...pagination, pageIndex: last });
  }, [total, pagination]);

  const rows = result?.rows ?? (NO_ROWS as RowOf<N>[]);
  const table = useServerTable({
    columns: o.columns,
    data: rows,
    rowCount: total ?? 0,
    getRowId: o.getRowId ?? rowId,
    sorting,
    onSortingChange: o.sort
      ? (updater: Updater<SortingState>) => {
          setSorting(updater);
          setPagination(firstPage);
        }
      : undefined,
    pagination,
    onPaginationChange: setPagination,
  });

  return {
    filters,
    /** Keeps the new filters and goes back to page 1. */
    setFilters: (next: F) => {
      keepFilters(next);
      setPagination(firstPage);
    },
    /** The typed part of the filters the rows answer (settled). */
    typed,
    list,
    rows,
    total: total ?? 0,
    table,
    pagination,
    setPagination,
  };
}

const NO_ROWS: never[] = [];
