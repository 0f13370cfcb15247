import { PULL_PAGE_ROWS, PUSH_PAGE_OPS, REFRESH_KEYS_MAX, TOKEN_REFUSAL_CODES, type PullAnswer, type PushAnswer, type PushOp, type RowsPage, type TokenRefusal } from '../../shared/contract/syncWire.js';
import type { Entity } from '../../shared/contract/entities.js';
import { changeFeed } from '../core/changes.js';
import type { DeskServices } from '../core/desk.js';
import { schemaVersion } from '../db/migrate.js';
import { applyRows, withoutCapture } from './apply.js';
import { deferIndexes, indexesDeferred, restoreIndexes } from './bulkLoad.js';
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

export interface RoundProgress { received: number; cursor: number; latest: number }

/**
 * One sync round: push the outbox in pages (each op answered applied, duplicate or rejected),
 * then pull the server's changes since the stored cursor, page by page, each page and its cursor
 * in one transaction, then refresh the rows this desk's answered work changed that the pull did
 * not bring. Rows that local work changed after the round began are left as they are until their
 * ops are answered.
 */
export async function syncRound(desk: DeskServices, onProgress?: (p: RoundProgress) => void): Promise<RoundReport> {
  const started = desk.clock().toISOString();
  try {
    const report = await pushAndPull(desk, onProgress);
    desk.sqlite.prepare('UPDATE sync_state SET last_sync_at = ?, last_attempt_at = ?, last_error = NULL, refusal = NULL WHERE id = 1').run(started, started);
    return report;
  } catch (err) {
    desk.sqlite
      .prepare('UPDATE sync_state SET last_attempt_at = ?, last_error = ?, refusal = coalesce(?, refusal) WHERE id = 1')
      .run(started, err instanceof Error ? err.message : String(err), tokenRefusal(err));
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
  const { sqlite } = desk;
  let token = joined.token;
  const call = <T>(path: string, body: Record<string, unknown>) => syncCall<T>(state.serverUrl, path, { schemaVersion: schemaVersion(sqlite), ...body }, token);
  const link: Link = {
    call,
    keepToken(next) {
      desk.secrets.set('sync.token', next);
      token = next;
    },
  };
  const report: RoundReport = { sent: 0, applied: 0, duplicate: 0, rejected: [], received: 0 };
  const mark = sqlite.prepare('SELECT coalesce(max(seq), 0) FROM row_changes').pluck().get() as number;

  const nextOps = sqlite.prepare('SELECT seq, op_id AS opId, name, input, actor_id AS actorId, at, signature FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?');
  for (let after = 0, pageOps = PUSH_PAGE_OPS; ;) {
    const rows = nextOps.all(after, pageOps) as (Omit<PushOp, 'input'> & { input: string })[];
    if (rows.length === 0) break;
    const ops: PushOp[] = rows.map((r) => ({ ...r, input: JSON.parse(r.input) as unknown }));
    let answer: PushAnswer;
    try {
      answer = await call<PushAnswer>('/v1/sync/push', { ops });
    } catch (err) {
      if (!(err instanceof SyncRefused && err.status === 413)) throw err;
      // Too large for the service: send the page one op at a time; an op too large alone is
      // refused here, so that it never holds up the ones behind it.
      if (ops.length > 1) { pageOps = 1; continue; }
      answer = { results: [{ opId: ops[0]!.opId, status: 'rejected', reason: `This change is too large for the central service (${err.message}).` }] };
    }
    recordAnswers(desk, ops, answer, report);
    after = rows[rows.length - 1]!.seq;
  }

  // Once the pages are committed, open screens refresh what they wrote (and the sync status when ops were answered);
  // after a failure too, for the pages committed before it.
  const touched = new Set<Entity>();
  try {
    await withBulkWriteSettings(sqlite, () => pull(desk, link, report, mark, touched, onProgress));
    await refresh(desk, call, report, mark, touched);
  } finally {
    if (report.sent > 0) touched.add('sync');
    changeFeed(desk).publish(touched);
  }
  return report;
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
  desk: DeskServices, { call, keepToken }: Link, report: RoundReport, mark: number, touched: Set<Entity>, onProgress?: (p: RoundProgress) => void,
): Promise<void> {
  const { sqlite } = desk;
  const dirtySeq = changeSeq(sqlite);
  const refreshed = sqlite.prepare('DELETE FROM row_changes WHERE tbl = ? AND pk = ?');
  const keep = (t: string, k: string) => {
    const seq = dirtySeq(t, k);
    if (seq === undefined) return false;
    if (seq > mark) return true;
    refreshed.run(t, k);
    return false;
  };
  const storedCursor = sqlite.prepare('SELECT cursor FROM sync_state WHERE id = 1').pluck();
  let cursor = storedCursor.get() as number;
  const bulk = indexesDeferred(sqlite) || (cursor === 0 && sqlite.prepare('SELECT 1 FROM applications LIMIT 1').get() === undefined);
  if (bulk && !indexesDeferred(sqlite)) deferIndexes(sqlite);
  for (;;) {
    const page = await call<PullAnswer>('/v1/sync/pull', { cursor, limit: pageRows() });
    report.received += withoutCapture(sqlite, () => {
      // A page is applied only onto the cursor it was asked from: a page delivered twice, or one
      // that another round overtook, changes nothing; nor does an earlier page delivered again
      // (its cursor behind the one asked from), which would take the cursor back. Nor does the
      // token such a page carries: the service has since offered or taken another.
      if (storedCursor.get() !== cursor || page.cursor < cursor) return 0;
      if (page.token) keepToken(page.token);
      const written = applyRows(sqlite, page, keep, touched);
      sqlite.prepare('UPDATE sync_state SET cursor = ? WHERE id = 1').run(page.cursor);
      return written;
    });
    cursor = storedCursor.get() as number;
    onProgress?.({ received: report.received, cursor, latest: page.latest });
    if (!page.more) break;
  }
  if (bulk) restoreIndexes(sqlite);
}

/** Rows this desk's answered work changed that the pull did not bring (a refused op's, say): fetched by key, the server's version wins. */
async function refresh(desk: DeskServices, call: Call, report: RoundReport, mark: number, touched: Set<Entity>): Promise<void> {
  const { sqlite } = desk;
  const dirty = sqlite.prepare('SELECT seq, tbl AS t, pk AS k FROM row_changes WHERE seq <= ? AND seq > ? ORDER BY seq LIMIT ?');
  const dirtySeq = changeSeq(sqlite);
  for (let after = 0; ;) {
    const keys = dirty.all(mark, after, REFRESH_KEYS_MAX) as { seq: number; t: string; k: string }[];
    if (keys.length === 0) break;
    const page = await call<RowsPage>('/v1/sync/rows', { keys: keys.map(({ t, k }) => ({ t, k })) });
    const last = keys[keys.length - 1]!.seq;
    report.received += withoutCapture(sqlite, () => {
      const written = applyRows(sqlite, page, (t, k) => (dirtySeq(t, k) ?? 0) > mark, touched);
      sqlite.prepare('DELETE FROM row_changes WHERE seq > ? AND seq <= ?').run(after, last);
      return written;
    });
    after = last;
  }
}

/** Where this desk's own work last changed a row in its change log (undefined: not since the last sync). */
function changeSeq(sqlite: DeskServices['sqlite']): (table: string, key: string) => number | undefined {
  const find = sqlite.prepare('SELECT seq FROM row_changes WHERE tbl = ? AND pk = ?').pluck();
  return (table, key) => find.get(table, key) as number | undefined;
}

/** Pulled pages are written with a large page cache: a first sync writes hundreds of thousands of rows into indexes keyed by random ids. */
async function withBulkWriteSettings<T>(sqlite: DeskServices['sqlite'], work: () => Promise<T>): Promise<T> {
  const cacheSize = sqlite.pragma('cache_size', { simple: true }) as number;
  sqlite.pragma('cache_size = -262144');
  try {
    return await work();
  } finally {
    sqlite.pragma(`cache_size = ${cacheSize}`);
  }
}

/** The server's answers to one page of ops: each leaves the outbox; a refused one is kept for its user to see. */
function recordAnswers(desk: DeskServices, ops: PushOp[], answer: PushAnswer, report: RoundReport): void {
  const byId = new Map(ops.map((o) => [o.opId, o]));
  const now = desk.clock().toISOString();
  desk.sqlite.transaction(() => {
    for (const result of answer.results) {
      const op = byId.get(result.opId);
      if (!op) continue;
      report.sent++;
      if (result.status === 'rejected') {
        report.rejected.push({ opId: op.opId, name: op.name, reason: result.reason });
        desk.sqlite
          .prepare('INSERT OR REPLACE INTO sync_rejections (op_id, name, input, actor_id, at, reason, rejected_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
          .run(op.opId, op.name, JSON.stringify(op.input, withoutPasswords), op.actorId, op.at, result.reason, now);
      } else {
        report[result.status]++;
      }
      desk.sqlite.prepare('DELETE FROM outbox WHERE op_id = ?').run(op.opId);
    }
  })();
}

/** A refused op is kept to show its user; a password in it is not. */
function withoutPasswords(key: string, value: unknown): unknown {
  return key === 'password' ? undefined : value;
}
