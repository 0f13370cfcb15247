import {
  PULL_PAGE_ROWS,
  PUSH_PAGE_OPS,
  REFRESH_KEYS_MAX,
  TOKEN_REFUSAL_CODES,
  type PullAnswer,
  type PushAnswer,
  type PushOp,
  type RowsPage,
  type TokenRefusal,
} from '../../shared/contract/syncWire.js';
import { setImmediate } from 'node:timers/promises';
import type { Entity } from '../../shared/contract/entities.js';
import { changeFeed } from '../core/changes.js';
import type { DeskServices } from '../core/deskServices.js';
import { statements, type ReadableDB } from '../db/handles.js';
import { schemaVersion } from '../db/migrate.js';
import { applyRows, spaceCheckpoints, withBulkWriteSettings, withoutCapture } from './apply.js';
import { deferIndexes, indexesDeferred, restoreIndexes, restorePassed } from './bulkLoad.js';
import { syncCall, SyncRefused } from './http.js';
import { joinedDesk } from './state.js';

/** Rows per pull page; `KMLTTB_SYNC_PAGE_ROWS` makes pages smaller (tests that stop a desk mid-pull). */
function pageRows(): number {
  const wanted = Number(process.env.KMLTTB_SYNC_PAGE_ROWS);
  return Number.isInteger(wanted) && wanted > 0 && wanted < PULL_PAGE_ROWS ? wanted : PULL_PAGE_ROWS;
}

export interface RoundReport {
  sent: number;
  applied: number;
  duplicate: number;
  rejected: { opId: string; name: string; reason: string }[];
  /** Rows written or deleted from the server's answers. */
  received: number;
}

export interface RoundProgress {
  received: number;
  cursor: number;
  latest: number;
}

/**
 * One sync round: push the outbox in pages (each op answered applied, duplicate or rejected),
 * then pull the server's changes since the stored cursor, page by page, each page and its cursor
 * in one transaction, then refresh the rows this desk's answered work changed that the pull did
 * not bring. Rows that local work changed after the round began are left as they are until their
 * ops are answered.
 */
export async function syncRound(desk: DeskServices, onProgress?: (p: RoundProgress) => void): Promise<RoundReport> {
  const started = desk.clock().toISOString();
  const db = desk.write;
  try {
    const report = await pushAndPull(desk, onProgress);
    db.run(db.updateTable('sync_state').set({ last_sync_at: started, last_attempt_at: started, last_error: null, refusal: null }).where('id', '=', 1));
    return report;
  } catch (err) {
    const refusal = tokenRefusal(err);
    db.run(
      db
        .updateTable('sync_state')
        .set({ last_attempt_at: started, last_error: err instanceof Error ? err.message : String(err), ...(refusal ? { refusal } : {}) })
        .where('id', '=', 1),
    );
    throw err;
  }
}

/** The service refused this desk's token (kept until a round gets through: an offline round does not clear it). */
function tokenRefusal(err: unknown): TokenRefusal | null {
  if (!(err instanceof SyncRefused) || err.status !== 401) return null;
  return (Object.keys(TOKEN_REFUSAL_CODES) as TokenRefusal[]).find((kind) => TOKEN_REFUSAL_CODES[kind] === err.code) ?? 'unknown';
}

/** Requests to the service with the desk's token, and what to do when a pull's answer brings a new one. */
interface Link {
  call: Call;
  /** Keeps the desk's next token (in the step that stores a pulled page) and uses it from the next request on. */
  keepToken(token: string): void;
}

async function pushAndPull(desk: DeskServices, onProgress?: (p: RoundProgress) => void): Promise<RoundReport> {
  const joined = joinedDesk(desk);
  const { state } = joined;
  const db = desk.write;
  let token = joined.token;
  const call = <T>(path: string, body: Record<string, unknown>) =>
    syncCall<T>(state.serverUrl, path, { schemaVersion: schemaVersion(desk.sqlite), ...body }, token);
  const link: Link = {
    call,
    keepToken(next) {
      desk.secrets.set('sync.token', next);
      token = next;
    },
  };
  const report: RoundReport = { sent: 0, applied: 0, duplicate: 0, rejected: [], received: 0 };
  const mark = lastChange(db);

  for (let after = 0, pageOps = PUSH_PAGE_OPS; ;) {
    const rows = db.all(
      db
        .selectFrom('outbox')
        .select(['seq', 'op_id as opId', 'name', 'input', 'actor_id as actorId', 'at', 'signature'])
        .where('seq', '>', after)
        .orderBy('seq')
        .limit(pageOps),
    );
    if (rows.length === 0) break;
    const ops: PushOp[] = rows.map((r) => ({ ...r, input: JSON.parse(r.input) as unknown }));
    let answer: PushAnswer;
    try {
      answer = await call<PushAnswer>('/v1/sync/push', { ops });
    } catch (err) {
      if (!(err instanceof SyncRefused && err.status === 413)) throw err;
      // Too large for the service: send the page one op at a time; an op too large alone is
      // refused here, so that it never holds up the ones behind it.
      if (ops.length > 1) {
        pageOps = 1;
        continue;
      }
      answer = { results: [{ opId: ops[0]!.opId, status: 'rejected', reason: `This change is too large for the central service (${err.message}).` }] };
    }
    recordAnswers(desk, ops, answer, report);
    after = rows[rows.length - 1]!.seq;
  }

  // Once the pages are committed, open screens refresh what they wrote (and the sync status when ops were answered);
  // after a failure too, for the pages committed before it.
  const touched = new Set<Entity>();
  try {
    await withBulkWriteSettings(db, () => pull(desk, link, report, mark, touched, onProgress));
    await refresh(desk, call, report, mark, touched);
  } finally {
    if (report.sent > 0) touched.add('sync');
    changeFeed(desk).publish(touched);
  }
  return report;
}

/** The newest entry of this desk's change log (0: none). */
function lastChange(db: ReadableDB): number {
  return db.first(db.selectFrom('row_changes').select((eb) => eb.fn.coalesce(eb.fn.max('seq'), eb.lit(0)).as('seq')))!.seq;
}

type Call = <T>(path: string, body: Record<string, unknown>) => Promise<T>;

/**
 * The server's changes since the stored cursor, page by page. A row this desk's own work changed
 * stays as it is while that work is unanswered (changed after `mark`); one whose ops have been
 * answered takes the server's version and is no longer waiting to be refreshed. A page may bring
 * the desk's next token: it is kept with the page (the service takes the old one until the new
 * one is used, so a page or token lost on the way locks nothing out).
 */
async function pull(
  desk: DeskServices,
  { call, keepToken }: Link,
  report: RoundReport,
  mark: number,
  touched: Set<Entity>,
  onProgress?: (p: RoundProgress) => void,
): Promise<void> {
  const db = desk.write;
  const dirtySeq = changeSeq(desk);
  const keep = (t: string, k: string) => {
    const seq = dirtySeq(t, k);
    if (seq === undefined) return false;
    if (seq > mark) return true;
    db.compileOnce(forgetChange).run(t, k);
    return false;
  };
  const storedCursor = () => db.first(db.selectFrom('sync_state').select('cursor').where('id', '=', 1))?.cursor;
  let cursor = storedCursor()!;
  const bulk = indexesDeferred(db) || (cursor === 0 && db.first(db.selectFrom('applications').select('id').limit(1)) === undefined);
  if (bulk && !indexesDeferred(db)) deferIndexes(db);
  if (bulk) spaceCheckpoints(db);
  // Tokens are counted as this pull keeps them: `tokenNow` is the one requests are made with now,
  // `sentWith` the one the latest request was made with.
  let tokenNow = 0;
  let sentWith = 0;
  const ask = (from: number, options?: AskOptions): PageAsked => {
    sentWith = tokenNow;
    return askForPage(call, from, tokenNow, options);
  };
  // A first sync asks where each table's changes end, to make the table's indexes once its pages are in.
  const asked: PageAsked[] = [ask(cursor, { tableEnds: bulk })];
  let tableEnds: Record<string, number> | undefined;
  for (;;) {
    if (asked[0]?.from !== cursor) asked.splice(0, asked.length, ask(cursor));
    const head = asked.shift()!;
    const page = await head.answer;
    tableEnds ??= page.tableEnds;
    // The next pages are asked for before this one is written, and the requests let out first:
    // the service reads them meanwhile (a first sync's hundreds of pages). Ranges only from a
    // service that says which cursor each page was read from (`from`), and not while pages asked
    // with an earlier token are unanswered: the first use of a new token ends the old one.
    const ranges = bulk && page.from !== undefined && asked.every((a) => a.token === tokenNow);
    if (page.more && askAhead(ask, asked, page, ranges)) await setImmediate();
    report.received += withoutCapture(db, () => {
      // A page is applied only onto the cursor it was asked from: a page delivered twice, or one
      // that another round overtook, changes nothing; nor does an earlier page delivered again
      // (its cursor behind the one asked from), which would take the cursor back. Nor does the
      // token such a page carries: the service has since offered or taken another. Nor does a page
      // read from another cursor (one of the ranges asked ahead, delivered in another's place).
      if (storedCursor() !== cursor || page.cursor < cursor || (page.from !== undefined && page.from !== cursor)) return 0;
      // A token offered to a request made before one with a later token is not kept: the first use
      // of that later token ends every other. (The latest offer is kept: the service keeps only the
      // last few it offered.)
      if (page.token && head.token === sentWith) {
        keepToken(page.token);
        tokenNow++;
      }
      const written = applyRows(desk, page, nothingChangedHere(db) ? () => false : keep, touched);
      db.run(db.updateTable('sync_state').set({ cursor: page.cursor }).where('id', '=', 1));
      return written;
    });
    cursor = storedCursor()!;
    onProgress?.({ received: report.received, cursor, latest: page.latest });
    if (!page.more) break;
    // The indexes of the tables passed, one at a time, while the service reads the next pages.
    if (bulk && tableEnds) restorePassed(db, tableEnds, cursor);
  }
  if (bulk) restoreIndexes(db);
}

/** A pull page asked for (not yet awaited), the cursor it was asked from, for a range the change it ends at, and which of the pull's tokens it was asked with. */
interface PageAsked {
  from: number;
  until?: number;
  token: number;
  answer: Promise<PullAnswer>;
}

/** Pages a first sync keeps asked for ahead, each a range of changes: the service reads one while the desk writes another. */
const RANGES_AHEAD = 3;

/**
 * Asks for the pages after `page`: the next one as usual, or, for a first sync (`ranges`), the next
 * ranges of the change log up to RANGES_AHEAD, each asked before the one before it is answered
 * (a range's end does not depend on its answer). True when it asked.
 */
function askAhead(ask: (from: number, options?: AskOptions) => PageAsked, asked: PageAsked[], page: PullAnswer, ranges: boolean): boolean {
  const before = asked.length;
  if (!ranges) {
    if (before === 0) asked.push(ask(page.cursor));
    return asked.length > before;
  }
  if (before > 0 && asked.at(-1)!.until === undefined) return false;
  const width = pageRows();
  for (let from = asked.at(-1)?.until ?? page.cursor; asked.length < RANGES_AHEAD && from < page.latest; from += width) {
    asked.push(ask(from, { until: from + width }));
  }
  return asked.length > before;
}

interface AskOptions {
  tableEnds?: boolean;
  until?: number;
}

function askForPage(call: Call, from: number, token: number, options: AskOptions = {}): PageAsked {
  const answer = call<PullAnswer>('/v1/sync/pull', {
    cursor: from,
    limit: pageRows(),
    ...(options.tableEnds ? { tableEnds: true } : {}),
    ...(options.until !== undefined ? { until: options.until } : {}),
  });
  // Awaited when its turn comes; a page asked ahead by a pull that then stopped must not fail the process.
  answer.catch(() => undefined);
  return { from, until: options.until, token, answer };
}

/** No row of this desk is waiting for its ops' answers (a first sync's usual case): no pulled row needs looking up in the change log. */
function nothingChangedHere(db: ReadableDB): boolean {
  return db.first(db.selectFrom('row_changes').select('seq').limit(1)) === undefined;
}

/** Rows this desk's answered work changed that the pull did not bring (a refused op's, say): fetched by key, the server's version wins. */
async function refresh(desk: DeskServices, call: Call, report: RoundReport, mark: number, touched: Set<Entity>): Promise<void> {
  const db = desk.write;
  const dirtySeq = changeSeq(desk);
  for (let after = 0; ;) {
    const keys = db.all(
      db
        .selectFrom('row_changes')
        .select(['seq', 'tbl as t', 'pk as k'])
        .where('seq', '<=', mark)
        .where('seq', '>', after)
        .orderBy('seq')
        .limit(REFRESH_KEYS_MAX),
    );
    if (keys.length === 0) break;
    const page = await call<RowsPage>('/v1/sync/rows', { keys: keys.map(({ t, k }) => ({ t, k })) });
    const last = keys[keys.length - 1]!.seq;
    report.received += withoutCapture(db, () => {
      const written = applyRows(desk, page, (t, k) => (dirtySeq(t, k) ?? 0) > mark, touched);
      db.run(db.deleteFrom('row_changes').where('seq', '>', after).where('seq', '<=', last));
      return written;
    });
    after = last;
  }
}

/**
 * Run for every pulled row this desk's answered work changed and every answered op: built once
 * (compileOnce), the 4,000 rows and 1,000 ops of a push round (QUALITY.md: incremental sync of
 * 1,000 ops made on this desk ≤ 2 s).
 */
const forgetChange = (table: string, key: string) => statements.deleteFrom('row_changes').where('tbl', '=', table).where('pk', '=', key);
const answeredOp = (opId: string) => statements.deleteFrom('outbox').where('op_id', '=', opId);

/** Where this desk's own work last changed a row in its change log (undefined: not since the last sync). */
function changeSeq({ sqlite }: DeskServices): (table: string, key: string) => number | undefined {
  // raw: looked up for every pulled row, a million in a first sync (QUALITY.md: desk first sync ≤ 60 s)
  const find = sqlite.prepare('SELECT seq FROM row_changes WHERE tbl = ? AND pk = ?').pluck();
  return (table, key) => find.get(table, key) as number | undefined;
}

/** The server's answers to one page of ops: each leaves the outbox; a refused one is kept for its user to see. */
function recordAnswers(desk: DeskServices, ops: PushOp[], answer: PushAnswer, report: RoundReport): void {
  const byId = new Map(ops.map((o) => [o.opId, o]));
  const now = desk.clock().toISOString();
  const db = desk.write;
  db.transaction(() => {
    for (const result of answer.results) {
      const op = byId.get(result.opId);
      if (!op) continue;
      report.sent++;
      if (result.status === 'rejected') {
        report.rejected.push({ opId: op.opId, name: op.name, reason: result.reason });
        db.run(
          db.replaceInto('sync_rejections').values({
            op_id: op.opId,
            name: op.name,
            input: JSON.stringify(op.input, withoutPasswords),
            actor_id: op.actorId,
            at: op.at,
            reason: result.reason,
            rejected_at: now,
          }),
        );
      } else {
        report[result.status]++;
      }
      db.compileOnce(answeredOp).run(op.opId);
    }
  });
}

/** A refused op is kept to show its user; a password in it is not. */
function withoutPasswords(key: string, value: unknown): unknown {
  return key === 'password' ? undefined : value;
}
