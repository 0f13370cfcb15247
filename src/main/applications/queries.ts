import type { RawBuilder } from 'kysely';
import type { ApplicationRow } from '../../shared/contract/applications.js';
import type { QueryParsed } from '../../shared/contract/index.js';
import { defineQuery } from '../core/registry.js';
import { sql, type ReadableDB } from '../db/handles.js';

/*
 * The applications grid and its search (`applications.list`): hand-written SQL through the `sql`
 * template, planned here rather than left to SQLite's planner, to hold the QUALITY.md budgets of
 * the grid query (filter + sort + page of 100, p95 ≤ 25 ms) and of search (p95 ≤ 15 ms) at
 * national scale ×10. test/integration/search-plans.test.ts checks every plan against plain SQL.
 * The detail pane's queries are in detail.ts.
 */

/**
 * The grid's sort keys: the column, and the index (migration 003) that holds the rows in the
 * order `key, id`, with every filter column, so that a page is a walk along one narrow index.
 */
const SORT_KEYS = {
  submittedAt: { column: 'a.submitted_at', index: 'applications_grid_submitted' },
  name: { column: 'a.sort_name', index: 'applications_grid_name' },
  applicationRef: { column: 'a.application_ref', index: 'applications_grid_ref' },
  state: { column: 'a.state', index: 'applications_grid_state' },
  cpdPoints: { column: 'a.cpd_points', index: 'applications_grid_cpd' },
  centre: { column: 'c.name', index: 'applications_grid_centre' },
  licenceYear: { column: 'a.licence_year', index: 'applications_grid_year' },
} as const;

/** `"jane wanj"` → `"jane"* "wanj"*`: every word must match as a prefix. */
export function ftsQuery(search: string): string | null {
  const words = search
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  if (words.length === 0) return null;
  return words.map((w) => `"${w}"*`).join(' ');
}

type ListInput = QueryParsed<'applications.list'>;
type Filter = 'centreId' | 'county' | 'licenceYear' | 'state' | 'cadre' | 'flagged';
interface Term {
  filter: Filter;
  column: string;
  op: '=' | '>';
  value: string | number;
}

/**
 * Filters that can lead an index seek, most selective first, with the index whose leading column
 * it is and which holds the other filter columns (so a count never reads the table).
 * `cadre` and `flagged` only lead when nothing else does: they match large shares of the rows.
 */
const SEEKS: readonly (readonly [Filter, string])[] = [
  ['centreId', 'applications_grid_centre'],
  ['county', 'applications_grid_county'],
  ['licenceYear', 'applications_grid_year'],
  ['state', 'applications_grid_state'],
  ['cadre', 'applications_grid_cadre'],
  ['flagged', 'applications_flagged'],
];
/** Filters worth seeking on for a page; `cadre` and `flagged` match too many rows to sort them. */
const PAGE_SEEKS = new Set<Filter>(['centreId', 'county', 'licenceYear', 'state']);
/**
 * Relative costs that choose between walking a sort index (one index entry per row passed) and
 * seeking on a filter then sorting what it found (a table read and a sort per row found).
 */
const WALK_COST_PER_ENTRY = 1;
const SEEK_COST_PER_ROW = 15;
/** Sort keys along which a licence year's rows lie together, and the index that walks one year in that order. */
const YEAR_SORT_INDEX: Partial<Record<ListInput['sort'], string>> = {
  submittedAt: 'applications_grid_year_submitted',
  applicationRef: 'applications_grid_year_ref',
};
/**
 * A search whose index matches are at most this many reads those rows once, for the count and the
 * page together (fewer when a selective filter can lead instead). Up to SEARCH_BY_ROW_ID matches,
 * with no selective filter, the count reads them by row id; beyond, it checks index entries.
 */
const SEARCH_ONE_PASS = 2_000;
const SEARCH_ONE_PASS_WITH_FILTER = 1_000;
const SEARCH_BY_ROW_ID = 15_000;
/**
 * A filtered search that leaves at most this many rows sorts them for its page (a table read and
 * a sort per row) instead of walking a sort index past the rows that do not match.
 */
const SEARCH_PAGE_FROM_MATCHES = 4_000;
/**
 * The index of the state alone, `(state || '', rowid)` (migration 007): a search filtered by state
 * (and no more selective filter) seeks each of its matches in it, when they are at most
 * SEARCH_BY_ROW_ID, instead of checking every row of that state against them.
 */
const SEARCH_STATE_INDEX = 'applications_search_state';

interface FetchedRow {
  rid: number;
  id: string;
  application_ref: string;
  submitted_at: string;
  licence_year: number;
  cpd_points: number;
  state: ApplicationRow['state'];
  flag_count: number;
  cadre: ApplicationRow['cadre'];
  county: string;
  first_name: string;
  middle_name: string;
  last_name: string;
  national_id: string;
  phone: string | null;
  centre_name: string | null;
}

function filterTerms(input: ListInput): Term[] {
  const terms: Term[] = [];
  if (input.state) terms.push({ filter: 'state', column: 'a.state', op: '=', value: input.state });
  if (input.licenceYear) terms.push({ filter: 'licenceYear', column: 'a.licence_year', op: '=', value: input.licenceYear });
  if (input.cadre) terms.push({ filter: 'cadre', column: 'a.cadre', op: '=', value: input.cadre });
  if (input.centreId) terms.push({ filter: 'centreId', column: 'a.centre_id', op: '=', value: input.centreId });
  if (input.county) terms.push({ filter: 'county', column: 'a.county', op: '=', value: input.county });
  if (input.flagged !== undefined) terms.push({ filter: 'flagged', column: 'a.flag_count', op: input.flagged ? '>' : '=', value: 0 });
  return terms;
}

/**
 * The index that holds the state itself; the other grid indexes hold `grid_state` (migration 013:
 * the state with paid folded into approved, so that settling an application rewrites none of them).
 */
const STATE_INDEX = 'applications_grid_state';

/** `grid_state` of a state: the value the grid indexes hold for it. */
const gridState = (state: string | number) => (state === 'paid' ? 'approved' : state);

/**
 * A state filter on an index that holds `grid_state`: checked there, and for approved or paid
 * (folded together in it) on the state itself too, read from the row for those entries only.
 */
function stateOnGridIndex(t: Term): RawBuilder<unknown> {
  const folded = sql`a.grid_state = ${gridState(t.value)}`;
  return gridState(t.value) === 'approved' ? sql`${folded} AND a.state = ${t.value}` : folded;
}

/**
 * The `WHERE` clause over `index` (the one named in `INDEXED BY`; none: rows read from the table).
 * `plain: false` writes `+column` so that SQLite does not seek on it; `stateProbe` writes the
 * state term as the expression of SEARCH_STATE_INDEX, to seek on that.
 */
function where(
  terms: readonly Term[],
  options: { plain: boolean; match: string | null; index?: string; extra?: RawBuilder<unknown>; stateProbe?: boolean },
): RawBuilder<unknown> {
  const onGridIndex = options.index !== undefined && options.index !== STATE_INDEX && options.index !== SEARCH_STATE_INDEX;
  const parts = terms.map((t) =>
    options.stateProbe && t.filter === 'state'
      ? sql`(a.state || '') = ${t.value}`
      : onGridIndex && t.filter === 'state'
        ? stateOnGridIndex(t)
        : sql`${sql.raw(`${options.plain ? '' : '+'}${t.column} ${t.op}`)} ${t.value}`,
  );
  if (options.extra) parts.unshift(options.extra);
  if (options.match) parts.push(sql`a.rowid IN (SELECT rowid FROM applications_search WHERE applications_search MATCH ${options.match})`);
  return parts.length ? sql` WHERE ${sql.join(parts, sql` AND `)}` : sql``;
}

/** `ORDER BY <sort key> <dir>, a.id <dir>`. */
function orderBy(column: string, dir: 'asc' | 'desc'): RawBuilder<unknown> {
  return sql.raw(` ORDER BY ${column} ${dir}, a.id ${dir}`);
}

/** `INDEXED BY <index>`: the index the plan chose (a name of migration 003 or 007, never input). */
const indexedBy = (index: string) => sql.raw(` INDEXED BY ${index}`);

/** The join the centre sort needs. */
const centreJoin = (sort: ListInput['sort']) => sql.raw(sort === 'centre' ? ' LEFT JOIN centres c ON c.id = a.centre_id' : '');

const rowIds = (rows: { rid: number }[]) => rows.map((r) => r.rid);

/**
 * The grid: filter, sort and page in SQL. Gives exactly what
 *   SELECT … FROM applications a JOIN practitioners p … LEFT JOIN centres c … WHERE <filters>
 *   ORDER BY <sort> <dir>, a.id <dir> LIMIT <pageSize> OFFSET <page × pageSize>
 * gives, with its count, but plans it so that its cost does not grow with the whole table:
 * - the count reads one index (no joins: every application has its practitioner, by foreign key);
 * - a page is found as row ids along the sort key's index, from whichever end is nearer, or, when
 *   the filters leave few rows, by seeking on the most selective filter and sorting those;
 * - a search with few matches reads just those rows, once, for both the count and the page; one
 *   with many matches is checked against the index entries instead of reading the table;
 * - a search with no filter takes its count from the search index alone; a filtered one finds the
 *   row ids that pass (seeking each match in the state index when state is the leading filter)
 *   and, when they are a few thousand at most, sorts those for its page;
 * - then only the page's rows are read and joined.
 * One read transaction, so that the count and the page agree.
 */
function listApplications(db: ReadableDB, input: ListInput) {
  const terms = filterTerms(input);
  const match = input.search ? ftsQuery(input.search) : null;
  const key = SORT_KEYS[input.sort];
  const offset = input.page * input.pageSize;
  const pageSeek = SEEKS.find(([f]) => PAGE_SEEKS.has(f) && terms.some((t) => t.filter === f))?.[1];

  let candidates = 0;
  if (match) {
    // The index's matches, counted without reading the table: an upper bound of the total.
    candidates = db.first(sql<{ n: number }>`SELECT count(*) AS n FROM applications_search WHERE applications_search MATCH ${match}`)!.n;
    if (candidates === 0) return { total: 0, rows: [] as FetchedRow[] };
    if (candidates <= (pageSeek ? SEARCH_ONE_PASS_WITH_FILTER : SEARCH_ONE_PASS)) {
      const all = rowIds(
        db.all(
          sql<{
            rid: number;
          }>`SELECT a.rowid AS rid FROM applications a${centreJoin(input.sort)}${where(terms, { plain: false, match })}${orderBy(key.column, input.dir)}`,
        ),
      );
      return { total: all.length, rows: fetchRows(db, all.slice(offset, offset + input.pageSize)) };
    }
  }

  // Count on the most selective filter's index. A search's matches are either read from the
  // table by row id (when they are few and no selective filter leads), sought one by one in the
  // state index (when state leads), or checked against the entries of that index (when they are many).
  const seek = SEEKS.find(([f]) => terms.some((t) => t.filter === f)) ?? null;
  const probeState = match !== null && seek?.[0] === 'state' && candidates <= SEARCH_BY_ROW_ID;
  let total: number;
  if (match && terms.length === 0) {
    // A search with no filter: every match in the index is one application (the index has one row
    // per application: its insert trigger adds it, its delete trigger, migration 007, removes it),
    // so the index's count is the total, without reading thousands of rows to count them again.
    total = candidates;
  } else if (match) {
    // A filtered search: the row ids that pass, found the way the count would be (no more work),
    // so that when they are few the page is sorted from them instead of walking an index for it.
    let found: RawBuilder<{ rid: number }>;
    if (probeState) {
      found = sql`SELECT a.rowid AS rid FROM applications a${indexedBy(SEARCH_STATE_INDEX)}${where(terms, { plain: false, match, stateProbe: true })}`;
    } else if ((!seek || !PAGE_SEEKS.has(seek[0])) && candidates <= SEARCH_BY_ROW_ID) {
      found = sql`SELECT a.rowid AS rid FROM applications a${where(terms, { plain: false, match })}`;
    } else {
      const index = seek?.[1] ?? 'applications_grid_cadre';
      found = sql`SELECT a.rowid AS rid FROM applications a${indexedBy(index)}${where(terms, { plain: true, match, index })}`;
    }
    const rids = rowIds(db.all(found));
    total = rids.length;
    if (total <= SEARCH_PAGE_FROM_MATCHES) {
      if (offset >= total) return { total, rows: [] as FetchedRow[] };
      const page = rowIds(
        db.all(sql<{ rid: number }>`SELECT a.rowid AS rid FROM applications a${centreJoin(input.sort)}
        WHERE a.rowid IN (SELECT value FROM json_each(${JSON.stringify(rids)}))${orderBy(key.column, input.dir)} LIMIT ${input.pageSize} OFFSET ${offset}`),
      );
      return { total, rows: fetchRows(db, page) };
    }
  } else {
    const index = seek?.[1];
    total = db.first(
      sql<{ n: number }>`SELECT count(*) AS n FROM applications a${index ? indexedBy(index) : sql``}${where(terms, { plain: true, match, index })}`,
    )!.n;
  }

  if (offset >= total) return { total, rows: [] as FetchedRow[] };
  const take = Math.min(input.pageSize, total - offset);
  // Read from the nearer end: the last pages of an ascending list are the first of a descending one.
  const reverse = offset > total - offset - take;
  const skip = reverse ? total - offset - take : offset;
  const dir = (reverse ? (input.dir === 'asc' ? 'desc' : 'asc') : input.dir) as 'asc' | 'desc';

  // Walk the sort index, or seek on a filter and sort what it finds: whichever reads less.
  // The table's size, for the estimate only: the highest row id, read in a few pages (applications
  // are never deleted, and a wrong guess would cost time, never change the answer).
  const tableRows = terms.length || match ? Math.max(total, db.first(sql<{ n: number }>`SELECT coalesce(max(rowid), 0) AS n FROM applications`)!.n) : total;
  // A licence year's applications lie together along the submission time and the reference (they
  // are made in the year's renewal window): with a year filter, walk that year's own index instead.
  // (That walk is never longer than the year, so it is always the better one.)
  const yearIndex = terms.some((t) => t.filter === 'licenceYear') ? YEAR_SORT_INDEX[input.sort] : undefined;
  const walkIndex = yearIndex ?? key.index;
  const walkEntries = Math.min(tableRows, ((skip + take) * tableRows) / total) * WALK_COST_PER_ENTRY;
  // By centre, a county or centre filter leaves rows in a few centres: count those per centre in
  // one pass and walk them; other filters leave rows everywhere, so a few rows are better sorted.
  const groupCounts = pageSeek === 'applications_grid_county' || pageSeek === 'applications_grid_centre' ? pageSeek : undefined;
  const useSeek = !yearIndex && pageSeek !== undefined && !(input.sort === 'centre' && groupCounts) && total * SEEK_COST_PER_ROW < walkEntries;

  let rids: number[];
  if (useSeek) {
    const w = where(terms, { plain: true, match, index: pageSeek });
    rids = rowIds(
      db.all(
        sql<{
          rid: number;
        }>`SELECT a.rowid AS rid FROM applications a${indexedBy(pageSeek)}${centreJoin(input.sort)}${w}${orderBy(key.column, dir)} LIMIT ${take} OFFSET ${skip}`,
      ),
    );
  } else if (input.sort !== 'centre') {
    const w = where(terms, { plain: true, match, index: walkIndex });
    rids = rowIds(
      db.all(
        sql<{ rid: number }>`SELECT a.rowid AS rid FROM applications a${indexedBy(walkIndex)}${w}${orderBy(key.column, dir)} LIMIT ${take} OFFSET ${skip}`,
      ),
    );
  } else {
    rids = walkByCentre(db, terms, match, groupCounts, dir, skip, take);
  }
  const rows = fetchRows(db, rids);
  if (reverse) rows.reverse();
  return { total, rows };
}

/** The page's rows, joined, in the order of `rids`. */
function fetchRows(db: ReadableDB, rids: number[]): FetchedRow[] {
  if (rids.length === 0) return [];
  const byRid = new Map(
    db
      .all(
        sql<FetchedRow>`
    SELECT a.rowid AS rid, a.id, a.application_ref, a.submitted_at, a.licence_year, a.cpd_points, a.state, a.flag_count,
           a.cadre, a.county, p.first_name, p.middle_name, p.last_name, p.national_id, p.phone, c.name AS centre_name
    FROM applications a
    JOIN practitioners p ON p.id = a.practitioner_id
    LEFT JOIN centres c ON c.id = a.centre_id
    WHERE a.rowid IN (SELECT value FROM json_each(${JSON.stringify(rids)}))`,
      )
      .map((r) => [r.rid, r]),
  );
  return rids.map((rid) => byRid.get(rid)!);
}

/**
 * `ORDER BY c.name, a.id` along the centre index: centres in name order (no centre first, as
 * SQL sorts NULL first), centres of the same name together, each group's rows by id. Each
 * group's count comes from one pass over `countIndex` when given, else from the group's own part
 * of the centre index.
 */
function walkByCentre(
  db: ReadableDB,
  terms: readonly Term[],
  match: string | null,
  countIndex: string | undefined,
  dir: 'asc' | 'desc',
  skip: number,
  take: number,
): number[] {
  const centres = db.all(sql<{ id: string; name: string }>`SELECT id, name FROM centres ORDER BY name`);
  const groups: { ids: (string | null)[]; sql: RawBuilder<unknown> }[] = [{ ids: [null], sql: sql`a.centre_id IS NULL` }];
  for (let i = 0; i < centres.length;) {
    const ids: string[] = [];
    const name = centres[i]!.name;
    while (i < centres.length && centres[i]!.name === name) ids.push(centres[i++]!.id);
    groups.push({ ids, sql: sql`a.centre_id IN (${sql.join(ids)})` });
  }
  if (dir === 'desc') groups.reverse();
  let perCentre: Map<string | null, number> | null = null;
  if (countIndex) {
    perCentre = new Map(
      db
        .all(
          sql<{ centre: string | null; n: number }>`SELECT a.centre_id AS centre, count(*) AS n
      FROM applications a${indexedBy(countIndex)}${where(terms, { plain: true, match, index: countIndex })} GROUP BY a.centre_id`,
        )
        .map((r) => [r.centre, r.n]),
    );
  }
  const rids: number[] = [];
  let passed = 0;
  for (const group of groups) {
    if (rids.length >= take) break;
    const w = where(terms, { plain: true, match, index: 'applications_grid_centre', extra: group.sql });
    const n = perCentre
      ? group.ids.reduce((sum, id) => sum + (perCentre!.get(id) ?? 0), 0)
      : db.first(sql<{ n: number }>`SELECT count(*) AS n FROM applications a INDEXED BY applications_grid_centre${w}`)!.n;
    if (n > 0 && passed + n > skip) {
      const rows = db.all(sql<{ rid: number }>`SELECT a.rowid AS rid FROM applications a INDEXED BY applications_grid_centre${w}
        ORDER BY a.id ${sql.raw(dir)} LIMIT ${take - rids.length} OFFSET ${Math.max(0, skip - passed)}`);
      for (const r of rows) rids.push(r.rid);
    }
    passed += n;
  }
  return rids;
}

export const applicationsList = defineQuery('applications.list', async ({ db }, input) => {
  // The count and the page agree while another program on the folder writes.
  const { total, rows } = db.snapshot(() => listApplications(db, input));
  return {
    total,
    page: input.page,
    pageSize: input.pageSize,
    rows: rows.map((r): ApplicationRow => ({
      id: r.id,
      applicationRef: r.application_ref,
      submittedAt: r.submitted_at,
      fullName: [r.first_name, r.middle_name, r.last_name].filter(Boolean).join(' '),
      nationalId: r.national_id,
      phone: r.phone,
      cadre: r.cadre,
      licenceYear: r.licence_year,
      cpdPoints: r.cpd_points,
      county: r.county,
      centreName: r.centre_name,
      state: r.state,
      flagCount: r.flag_count,
    })),
  };
});

/** The grid's filter choices: every licence year and county that has applications. */
export const applicationsFacets = defineQuery('applications.facets', async ({ db }) => ({
  licenceYears: db.all(db.selectFrom('applications').select('licence_year').distinct().orderBy('licence_year', 'desc')).map((r) => r.licence_year),
  counties: db.all(db.selectFrom('applications').select('county').distinct().where('county', '<>', '').orderBy('county')).map((r) => r.county),
}));
