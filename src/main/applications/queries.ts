import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { ApplicationDetail, ApplicationRow, HistoryEntry, SmsPreview } from '../../shared/contract/applications.js';
import type { QueryParsed } from '../../shared/contract/index.js';
import { defineQuery } from '../core/registry.js';
import { feeFor } from '../billing/invoice.js';
import { composeSms } from '../sms/queue.js';
import { normalisePhone } from '../../shared/phone.js';
import { smsLanguage, smsValues } from './decide.js';
import { flagsForApplication } from './flags.js';
import { loadApplication } from './load.js';

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
  const words = search.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  if (words.length === 0) return null;
  return words.map((w) => `"${w}"*`).join(' ');
}

type ListInput = QueryParsed<'applications.list'>;
type Filter = 'centreId' | 'county' | 'licenceYear' | 'state' | 'cadre' | 'flagged';
interface Term { filter: Filter; column: string; op: '=' | '>'; value: unknown }

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

const MATCH = 'a.rowid IN (SELECT rowid FROM applications_search WHERE applications_search MATCH ?)';
const FETCH_ROWS = `
  SELECT a.rowid AS rid, a.id, a.application_ref, a.submitted_at, a.licence_year, a.cpd_points, a.state, a.flag_count,
         a.cadre, a.county, p.first_name, p.middle_name, p.last_name, p.national_id, p.phone, c.name AS centre_name
  FROM applications a
  JOIN practitioners p ON p.id = a.practitioner_id
  LEFT JOIN centres c ON c.id = a.centre_id
  WHERE a.rowid IN (SELECT value FROM json_each(?))`;

interface FetchedRow {
  rid: number; id: string; application_ref: string; submitted_at: string; licence_year: number; cpd_points: number;
  state: ApplicationRow['state']; flag_count: number; cadre: ApplicationRow['cadre']; county: string;
  first_name: string; middle_name: string; last_name: string; national_id: string; phone: string | null;
  centre_name: string | null;
}

const statementCache = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();
function statement(sqlite: BetterSqlite3.Database, text: string): BetterSqlite3.Statement {
  let cache = statementCache.get(sqlite);
  if (!cache) statementCache.set(sqlite, (cache = new Map()));
  let st = cache.get(text);
  if (!st) {
    if (cache.size > 500) cache.clear();
    cache.set(text, (st = sqlite.prepare(text)));
  }
  return st;
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
 * `WHERE` text and parameters. `plain: false` writes `+column` so that SQLite does not seek on it;
 * `stateProbe` writes the state term as the expression of SEARCH_STATE_INDEX, to seek on that.
 */
function where(terms: readonly Term[], options: { plain: boolean; match: string | null; extra?: { sql: string; params: unknown[] }; stateProbe?: boolean }) {
  const parts = terms.map((t) => options.stateProbe && t.filter === 'state' ? "(a.state || '') = ?" : `${options.plain ? '' : '+'}${t.column} ${t.op} ?`);
  const params = terms.map((t) => t.value);
  if (options.extra) { parts.unshift(options.extra.sql); params.unshift(...options.extra.params); }
  if (options.match) { parts.push(MATCH); params.push(options.match); }
  return { sql: parts.length ? ` WHERE ${parts.join(' AND ')}` : '', params };
}

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
function listApplications(sqlite: BetterSqlite3.Database, input: ListInput) {
  const terms = filterTerms(input);
  const match = input.search ? ftsQuery(input.search) : null;
  const key = SORT_KEYS[input.sort];
  const offset = input.page * input.pageSize;
  const pageSeek = SEEKS.find(([f]) => PAGE_SEEKS.has(f) && terms.some((t) => t.filter === f))?.[1];

  let candidates = 0;
  if (match) {
    // The index's matches, counted without reading the table: an upper bound of the total.
    candidates = (statement(sqlite, 'SELECT count(*) AS n FROM applications_search WHERE applications_search MATCH ?').get(match) as { n: number }).n;
    if (candidates === 0) return { total: 0, rows: [] as FetchedRow[] };
    if (candidates <= (pageSeek ? SEARCH_ONE_PASS_WITH_FILTER : SEARCH_ONE_PASS)) {
      const w = where(terms, { plain: false, match });
      const join = input.sort === 'centre' ? ' LEFT JOIN centres c ON c.id = a.centre_id' : '';
      const all = (statement(sqlite, `SELECT a.rowid AS rid FROM applications a${join}${w.sql} ORDER BY ${key.column} ${input.dir}, a.id ${input.dir}`)
        .all(...w.params) as { rid: number }[]);
      return { total: all.length, rows: fetchRows(sqlite, all.slice(offset, offset + input.pageSize).map((r) => r.rid)) };
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
    let found: { sql: string; params: unknown[] };
    if (probeState) {
      const w = where(terms, { plain: false, match, stateProbe: true });
      found = { sql: `SELECT a.rowid FROM applications a INDEXED BY ${SEARCH_STATE_INDEX}${w.sql}`, params: w.params };
    } else if ((!seek || !PAGE_SEEKS.has(seek[0])) && candidates <= SEARCH_BY_ROW_ID) {
      const w = where(terms, { plain: false, match });
      found = { sql: `SELECT a.rowid FROM applications a${w.sql}`, params: w.params };
    } else {
      const w = where(terms, { plain: true, match });
      found = { sql: `SELECT a.rowid FROM applications a INDEXED BY ${seek?.[1] ?? 'applications_grid_cadre'}${w.sql}`, params: w.params };
    }
    const rids = statement(sqlite, found.sql).pluck().all(...found.params) as number[];
    total = rids.length;
    if (total <= SEARCH_PAGE_FROM_MATCHES) {
      if (offset >= total) return { total, rows: [] as FetchedRow[] };
      const join = input.sort === 'centre' ? ' LEFT JOIN centres c ON c.id = a.centre_id' : '';
      const page = statement(sqlite, `SELECT a.rowid FROM applications a${join} WHERE a.rowid IN (SELECT value FROM json_each(?))
        ORDER BY ${key.column} ${input.dir}, a.id ${input.dir} LIMIT ? OFFSET ?`).pluck().all(JSON.stringify(rids), input.pageSize, offset) as number[];
      return { total, rows: fetchRows(sqlite, page) };
    }
  } else {
    const w = where(terms, { plain: true, match });
    const sql = `SELECT count(*) AS n FROM applications a${seek ? ` INDEXED BY ${seek[1]}` : ''}${w.sql}`;
    total = (statement(sqlite, sql).get(...w.params) as { n: number }).n;
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
  const tableRows = terms.length || match
    ? Math.max(total, (statement(sqlite, 'SELECT coalesce(max(rowid), 0) AS n FROM applications').get() as { n: number }).n)
    : total;
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

  const w = where(terms, { plain: true, match });
  let rids: number[];
  if (useSeek) {
    const join = input.sort === 'centre' ? ' LEFT JOIN centres c ON c.id = a.centre_id' : '';
    rids = (statement(sqlite, `SELECT a.rowid AS rid FROM applications a INDEXED BY ${pageSeek}${join}${w.sql} ORDER BY ${key.column} ${dir}, a.id ${dir} LIMIT ? OFFSET ?`)
      .all(...w.params, take, skip) as { rid: number }[]).map((r) => r.rid);
  } else if (input.sort !== 'centre') {
    rids = (statement(sqlite, `SELECT a.rowid AS rid FROM applications a INDEXED BY ${walkIndex}${w.sql} ORDER BY ${key.column} ${dir}, a.id ${dir} LIMIT ? OFFSET ?`)
      .all(...w.params, take, skip) as { rid: number }[]).map((r) => r.rid);
  } else {
    rids = walkByCentre(sqlite, terms, match, groupCounts, dir, skip, take);
  }
  const rows = fetchRows(sqlite, rids);
  if (reverse) rows.reverse();
  return { total, rows };
}

/** The page's rows, joined, in the order of `rids`. */
function fetchRows(sqlite: BetterSqlite3.Database, rids: number[]): FetchedRow[] {
  if (rids.length === 0) return [];
  const byRid = new Map((statement(sqlite, FETCH_ROWS).all(JSON.stringify(rids)) as FetchedRow[]).map((r) => [r.rid, r]));
  return rids.map((rid) => byRid.get(rid)!);
}

/**
 * `ORDER BY c.name, a.id` along the centre index: centres in name order (no centre first, as
 * SQL sorts NULL first), centres of the same name together, each group's rows by id. Each
 * group's count comes from one pass over `countIndex` when given, else from the group's own part
 * of the centre index.
 */
function walkByCentre(
  sqlite: BetterSqlite3.Database, terms: readonly Term[], match: string | null, countIndex: string | undefined,
  dir: 'asc' | 'desc', skip: number, take: number,
): number[] {
  const centres = statement(sqlite, 'SELECT id, name FROM centres ORDER BY name').all() as { id: string; name: string }[];
  const groups: { ids: (string | null)[]; sql: string }[] = [{ ids: [null], sql: 'a.centre_id IS NULL' }];
  for (let i = 0; i < centres.length; ) {
    const ids: string[] = [];
    const name = centres[i]!.name;
    while (i < centres.length && centres[i]!.name === name) ids.push(centres[i++]!.id);
    groups.push({ ids, sql: `a.centre_id IN (${ids.map(() => '?').join(', ')})` });
  }
  if (dir === 'desc') groups.reverse();
  let perCentre: Map<string | null, number> | null = null;
  if (countIndex) {
    const w = where(terms, { plain: true, match });
    perCentre = new Map((statement(sqlite, `SELECT a.centre_id AS centre, count(*) AS n FROM applications a INDEXED BY ${countIndex}${w.sql} GROUP BY a.centre_id`)
      .all(...w.params) as { centre: string | null; n: number }[]).map((r) => [r.centre, r.n]));
  }
  const rids: number[] = [];
  let passed = 0;
  for (const group of groups) {
    if (rids.length >= take) break;
    const w = where(terms, { plain: true, match, extra: { sql: group.sql, params: group.ids.filter((id) => id !== null) } });
    const n = perCentre
      ? group.ids.reduce((sum, id) => sum + (perCentre!.get(id) ?? 0), 0)
      : (statement(sqlite, `SELECT count(*) AS n FROM applications a INDEXED BY applications_grid_centre${w.sql}`).get(...w.params) as { n: number }).n;
    if (n > 0 && passed + n > skip) {
      const rows = statement(sqlite, `SELECT a.rowid AS rid FROM applications a INDEXED BY applications_grid_centre${w.sql} ORDER BY a.id ${dir} LIMIT ? OFFSET ?`)
        .all(...w.params, take - rids.length, Math.max(0, skip - passed)) as { rid: number }[];
      for (const r of rows) rids.push(r.rid);
    }
    passed += n;
  }
  return rids;
}

export const applicationsList = defineQuery('applications.list', async (db, { sqlite }, input) => {
  const { total, rows } = await db.connection().execute(async () => sqlite.transaction(() => listApplications(sqlite, input))());
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

export const applicationDetail = defineQuery('application.detail', async (db, ctx, input) => {
  const { sqlite } = ctx;
  return db.connection().execute(async () => {
    const app = loadApplication(sqlite, input.id);
    const p = sqlite.prepare('SELECT * FROM practitioners WHERE id = ?').get(app.practitioner_id) as Record<string, string>;
    const invoice = sqlite
      .prepare('SELECT bill_ref, amount_due_cents, amount_paid_cents, state FROM invoices WHERE application_id = ?')
      .get(app.id) as { bill_ref: string; amount_due_cents: number; amount_paid_cents: number; state: string } | undefined;
    const decidedBy = app.decided_by
      ? (sqlite.prepare('SELECT username FROM users WHERE id = ?').get(app.decided_by) as { username: string } | undefined)?.username ?? null
      : null;
    // Submissions and resubmissions come only from imports. Those written before their entries
    // named the import (issue 17) hold the importing user's name alone: shown as an import too.
    const history = sqlite
      .prepare(`SELECT at, CASE WHEN action IN ('submitted', 'resubmit') AND actor_name NOT LIKE 'Imported %' AND actor_name NOT LIKE 'Received %'
                  THEN 'Imported by ' || actor_name ELSE actor_name END AS actor,
                  action, from_state AS fromState, to_state AS toState, reason, revision
                FROM application_history WHERE application_id = ? ORDER BY id`)
      .all(app.id) as HistoryEntry[];
    const detail: ApplicationDetail = {
      id: app.id,
      applicationRef: app.application_ref,
      submittedAt: app.submitted_at,
      fullName: [p.first_name, p.middle_name, p.last_name].filter(Boolean).join(' '),
      nationalId: p.national_id!,
      phone: app.p_phone,
      cadre: app.cadre,
      licenceYear: app.licence_year,
      cpdPoints: app.cpd_points,
      county: app.county,
      centreName: app.centre_name,
      state: app.state,
      flagCount: app.flag_count,
      revision: app.revision,
      registrationNo: p.registration_no!,
      firstName: p.first_name!,
      middleName: p.middle_name!,
      lastName: p.last_name!,
      email: p.email!,
      qualification: p.qualification!,
      employer: p.employer!,
      registerStatus: p.register_status!,
      declarationAccepted: app.declaration_accepted === 1,
      disclosures: app.disclosures,
      centreId: app.centre_id,
      centreText: app.centre_text,
      decidedBy,
      decidedAt: app.decided_at,
      decisionReason: app.decision_reason,
      flags: flagsForApplication(sqlite, app.id, Number(ctx.desk.setting('review.cpdThreshold'))),
      invoice: invoice
        ? { billRef: invoice.bill_ref, amountDueCents: invoice.amount_due_cents, amountPaidCents: invoice.amount_paid_cents, state: invoice.state }
        : null,
      feeCents: feeFor(ctx.db, app.cadre, app.licence_year),
      history,
    };
    return detail;
  });
});

/** The SMS the decision would send, so the officer sees it before confirming. */
export const applicationSmsPreview = defineQuery('application.smsPreview', async (db, ctx, input) => {
  const { sqlite } = ctx;
  return db.connection().execute(async (): Promise<SmsPreview> => {
    const app = loadApplication(sqlite, input.applicationId);
    const event = ({ approve: 'approved', reject: 'rejected', return: 'returned' } as const)[input.decision];
    const fee = feeFor(ctx.db, app.cadre, app.licence_year);
    const billRef = input.decision === 'approve'
      ? ((sqlite.prepare('SELECT bill_ref FROM invoices WHERE application_id = ?').get(app.id) as { bill_ref: string } | undefined)?.bill_ref ?? '(given on approval)')
      : undefined;
    const message = composeSms(sqlite, event, smsLanguage(app, ctx.desk.setting('sms.defaultLanguage')), smsValues(app, {
      reason: input.reason?.trim() || '…', billRef, amountCents: fee ?? undefined,
    }));
    const phone = normalisePhone(app.p_phone);
    const problems = [
      !phone.ok ? 'The phone number is not a valid Kenyan mobile number: this SMS cannot be sent.' : null,
      input.decision === 'approve' && fee === null ? `No fee is set for a ${app.cadre} in ${app.licence_year}.` : null,
    ].filter(Boolean);
    return {
      phone: phone.ok ? phone.msisdn : null,
      text: message.text, encoding: message.encoding, units: message.units, parts: message.parts,
      ...(problems.length ? { problem: problems.join(' ') } : {}),
    };
  });
});

export const applicationsFacets = defineQuery('applications.facets', async (_db, { sqlite }) => ({
  licenceYears: (sqlite.prepare('SELECT DISTINCT licence_year AS y FROM applications ORDER BY y DESC').all() as { y: number }[]).map((r) => r.y),
  counties: (sqlite.prepare("SELECT DISTINCT county AS c FROM applications WHERE county <> '' ORDER BY c").all() as { c: string }[]).map((r) => r.c),
}));

