import { sql, type SelectQueryBuilder } from 'kysely';
import type { ReadableDB } from './handles.js';

/** The page of a grid asked for, counted from 0. */
export interface PageAsked {
  page: number;
  pageSize: number;
}

/** One page of a grid: how many rows `matching` finds (whatever it selects), and the asked page of `ordered` (the same rows, selected and sorted). */
export function pageOf<MDB, MTB extends keyof MDB, M, DB, TB extends keyof DB, O>(
  db: ReadableDB,
  matching: SelectQueryBuilder<MDB, MTB, M>,
  ordered: SelectQueryBuilder<DB, TB, O>,
  { page, pageSize }: PageAsked,
) {
  // Kysely cannot type a selection on a builder this generic: the row is { total }.
  const { total } = db.first(matching.clearSelect().select(sql<number>`count(*)`.as('total'))) as { total: number };
  return { rows: db.all(ordered.limit(pageSize).offset(page * pageSize)), total, page, pageSize };
}
