import { openFolderDatabase } from '../../support/databaseFile.js';
import type { ChildProcess } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../../src/main/db/migrate.js';
import { openDesk, type Desk } from '../../../src/main/desk.js';
import { checkHealth } from '../../../src/main/sync/http.js';
import { syncRound } from '../../../src/main/sync/round.js';
import { SYNC_PROTOCOL_VERSION } from '../../../src/shared/contract/syncWire.js';
import { count } from '../support/tempDesk.js';
import { json, startProxy, type Exchange, type SyncProxy } from './proxy.js';
import {
  actorOn,
  joinedDesk,
  joinedDeskAt,
  kmlttbSync,
  postSync,
  restart,
  seedApplication,
  snapshot,
  startTestServer,
  sync,
  type TestServer,
} from './support.js';

let s: TestServer;
let appIds: string[] = [];
const desks: Desk[] = [];
const proxies: SyncProxy[] = [];

beforeAll(async () => {
  s = await startTestServer((t) => {
    appIds = Array.from({ length: 16 }, (_, i) => seedApplication(t.desk, { ref: `ECZ-FAULT-${i}`, nationalId: `2910000${i}` }));
  });
});
afterAll(async () => {
  for (const d of desks) await d.close();
  for (const p of proxies) await p.close();
  await s.server.close();
});

const keep = <T extends Desk>(d: T): T => {
  desks.push(d);
  return d;
};
async function proxy(): Promise<SyncProxy> {
  const p = await startProxy(s.server.url);
  proxies.push(p);
  return p;
}
const stateOn = (d: Desk, id: string) => d.sqlite.prepare('SELECT state FROM applications WHERE id = ?').pluck().get(id);
const cursorOf = (d: Desk) => d.sqlite.prepare('SELECT cursor FROM sync_state WHERE id = 1').pluck().get() as number;
const serverLatest = () => s.server.desk.sqlite.prepare('SELECT coalesce(max(seq), 0) FROM row_changes').pluck().get() as number;

describe('sync faults: the server cannot be reached', () => {
  it('a round with the server down fails with "Cannot reach", keeps the outbox, and the next round after the restart applies it', async () => {
    const d = keep(await joinedDesk(s));
    const officer = actorOn(d, 'officer');
    await s.server.close();
    expect((await d.dispatch('application.approve', { applicationId: appIds[0] }, officer)).ok).toBe(true);
    expect((await d.dispatch('application.return', { applicationId: appIds[1], reason: 'Upload the CPD certificate' }, officer)).ok).toBe(true);
    await expect(syncRound(d)).rejects.toThrow(/^Cannot reach the central service at http:\/\/127\.0\.0\.1:\d+: connection refused/);
    expect(count(d, 'outbox')).toBe(2);
    const status = await d.query('sync.status', {}, officer);
    expect(status.ok && status.value).toMatchObject({ online: false, opsWaiting: 2, lastError: expect.stringMatching(/Cannot reach/) });
    // The desk's own view stays as its work left it.
    expect([stateOn(d, appIds[0]!), stateOn(d, appIds[1]!)]).toEqual(['approved', 'returned']);

    await restart(s);
    const report = await sync(d);
    expect(report).toMatchObject({ sent: 2, applied: 2, duplicate: 0, rejected: [] });
    expect(count(d, 'outbox')).toBe(0);
    expect([stateOn(s.server.desk, appIds[0]!), stateOn(s.server.desk, appIds[1]!)]).toEqual(['approved', 'returned']);
    expect(snapshot(d)).toEqual(snapshot(s.server.desk));
    const after = await d.query('sync.status', {}, officer);
    expect(after.ok && after.value).toMatchObject({ online: true, opsWaiting: 0, lastError: null });
  });
});

describe('sync faults: the answer to a push is lost', () => {
  it('the server applied the ops but the desk never heard: the next round re-sends them, they are answered duplicate and nothing is applied twice', async () => {
    const p = await proxy();
    const d = keep(await joinedDeskAt(p.url));
    expect(d.sqlite.prepare('SELECT server_url FROM sync_state').pluck().get()).toBe(p.url);
    const officer = actorOn(d, 'officer');
    expect((await d.dispatch('application.approve', { applicationId: appIds[2] }, officer)).ok).toBe(true);
    expect((await d.dispatch('application.reject', { applicationId: appIds[3], reason: 'Not registered with the board' }, officer)).ok).toBe(true);
    const opIds = d.sqlite.prepare('SELECT op_id FROM outbox ORDER BY seq').pluck().all() as string[];
    expect(opIds).toHaveLength(2);

    // The desk retries a broken connection once on a new one: both answers are lost.
    let drops = 2;
    p.decide = (x) => (x.path === '/v1/sync/push' && drops-- > 0 ? { drop: true } : { pass: true });
    await expect(syncRound(d)).rejects.toThrow(/Cannot reach the central service/);
    expect(drops).toBe(0);
    expect(count(d, 'outbox')).toBe(2);
    const server = s.server.desk;
    // The server did the work once.
    expect(stateOn(server, appIds[2]!)).toBe('approved');
    expect(stateOn(server, appIds[3]!)).toBe('rejected');
    const pushes = p.exchanges.filter((x) => x.path === '/v1/sync/push');
    expect(pushes.map((x) => json(x.answer).results.map((r: { status: string }) => r.status))).toEqual([
      ['applied', 'applied'],
      ['duplicate', 'duplicate'],
    ]);

    const report = await sync(d);
    expect(report).toMatchObject({ sent: 2, applied: 0, duplicate: 2, rejected: [] });
    expect(count(d, 'outbox')).toBe(0);
    expect(count(server, 'invoices', 'application_id = ?', appIds[2])).toBe(1);
    expect(count(server, 'sms_messages', 'application_id = ?', appIds[2])).toBe(1);
    expect(count(server, 'sms_messages', 'application_id = ?', appIds[3])).toBe(1);
    expect(count(server, 'application_history', 'application_id IN (?, ?)', appIds[2], appIds[3])).toBe(2);
    for (const op of opIds) expect(count(server, 'applied_ops', 'op_id = ?', op)).toBe(1);
    expect(snapshot(d)).toEqual(snapshot(server));
  });

  it('one lost answer is retried within the round on a new connection and answered duplicate', async () => {
    const p = await proxy();
    const d = keep(await joinedDeskAt(p.url));
    expect((await d.dispatch('application.approve', { applicationId: appIds[4] }, actorOn(d, 'officer'))).ok).toBe(true);
    let drops = 1;
    p.decide = (x) => (x.path === '/v1/sync/push' && drops-- > 0 ? { drop: true } : { pass: true });
    const report = await sync(d);
    expect(report).toMatchObject({ sent: 1, applied: 0, duplicate: 1, rejected: [] });
    expect(count(s.server.desk, 'invoices', 'application_id = ?', appIds[4])).toBe(1);
    expect(count(s.server.desk, 'sms_messages', 'application_id = ?', appIds[4])).toBe(1);
    expect(snapshot(d)).toEqual(snapshot(s.server.desk));
  });
});

describe('sync faults: pull pages delivered twice and out of order', () => {
  const saved = process.env.KMLTTB_SYNC_PAGE_ROWS;
  afterEach(() => {
    if (saved === undefined) delete process.env.KMLTTB_SYNC_PAGE_ROWS;
    else process.env.KMLTTB_SYNC_PAGE_ROWS = saved;
  });

  it('a desk given an earlier page again, or the page it just had, still ends equal to the server, and its cursor never goes back', async () => {
    process.env.KMLTTB_SYNC_PAGE_ROWS = '4';
    const p = await proxy();
    const d = keep(await joinedDeskAt(p.url, 'admin', { pull: false }));
    const pulls: Exchange[] = [];
    const replays: { request: number; cursorAsked: number; replayedCursor: number }[] = [];
    // Pull answers: the 4th request gets the 1st answer, the 7th gets the 6th (the page just had, or
    // with a first sync's ranges asked ahead, the one before), the 10th the 3rd.
    const replayOf: Record<number, number> = { 4: 1, 7: 6, 10: 3 };
    p.decide = (x) => {
      if (x.path !== '/v1/sync/pull') return { pass: true };
      pulls.push(x);
      const earlier = replayOf[pulls.length];
      if (earlier === undefined) return { pass: true };
      const replay = pulls[earlier - 1]!;
      replays.push({ request: pulls.length, cursorAsked: json(x.body).cursor, replayedCursor: json(replay.answer).cursor });
      return { replace: replay };
    };
    const seen: number[] = [];
    const watch = (progress: { cursor: number }) => {
      seen.push(progress.cursor);
    };

    await syncRound(d, watch);
    expect(replays).toHaveLength(3);
    expect(replays.some((r) => r.replayedCursor < r.cursorAsked)).toBe(true);
    expect(snapshot(d)).toEqual(snapshot(s.server.desk));
    expect(cursorOf(d)).toBe(serverLatest());

    // The server changes rows the desk already holds; a round is then given an answer from before.
    const officer = s.actors.officer;
    for (const id of appIds.slice(5, 8)) expect((await s.server.desk.dispatch('application.approve', { applicationId: id }, officer)).ok).toBe(true);
    const stale = pulls[4]!;
    let first = true;
    p.decide = (x) => {
      if (x.path !== '/v1/sync/pull' || !first) return { pass: true };
      first = false;
      return { replace: stale };
    };
    await syncRound(d, watch);
    expect(first).toBe(false);
    expect(snapshot(d)).toEqual(snapshot(s.server.desk));
    expect(cursorOf(d)).toBe(serverLatest());
    for (let i = 1; i < seen.length; i++) expect(seen[i], `cursor after page ${i + 1}: ${seen.join(', ')}`).toBeGreaterThanOrEqual(seen[i - 1]!);
  });
});

describe('sync faults: a desk killed in the middle of a pull', () => {
  it('SIGKILL while `kmlttb sync` pulls small pages: the database is sound, holds whole pages only, and the next round converges', async () => {
    const big = await startTestServer((t) => {
      const seed = t.desk.sqlite.transaction(() => {
        for (let i = 0; i < 1500; i++) seedApplication(t.desk, { ref: `ECZ-BIG-${i}`, nationalId: `3100${String(i).padStart(4, '0')}` });
      });
      seed();
    });
    const p = await startProxy(big.server.url);
    let child: ChildProcess | null = null;
    try {
      const joined = await joinedDeskAt(p.url, 'admin', { pull: false });
      const dir = joined.dataDir;
      await joined.close();
      // A backstop: the 30th page is never answered, so the kill always lands before the pull ends.
      let pulls = 0;
      p.decide = (x) => (x.path === '/v1/sync/pull' && ++pulls >= 30 ? { hold: true } : { pass: true });

      const run = kmlttbSync(dir, { KMLTTB_SYNC_PAGE_ROWS: '50' });
      child = run.child;
      const { output, exited } = run;
      const exitedEarly = run.hasEnded;

      const watcher = openFolderDatabase(dir, { readonly: true });
      let cursor = 0;
      try {
        const read = watcher.prepare('SELECT cursor FROM sync_state WHERE id = 1').pluck();
        // Some ten pages in (the 30th is held), then the kill lands wherever the desk is.
        cursor = await vi.waitFor(
          () => {
            if (exitedEarly()) throw new Error(`kmlttb sync ended before ten pages were in: ${output.join('')}`);
            const now = read.get() as number;
            if (now < 500) throw new Error(`the desk's cursor is at ${now}, not yet ten pages in`);
            return now;
          },
          { timeout: 60_000, interval: 5 },
        );
      } finally {
        watcher.close();
      }
      child.kill('SIGKILL');
      expect(await exited).toEqual({ code: null, signal: 'SIGKILL' });
      child = null;

      const latest = big.server.desk.sqlite.prepare('SELECT max(seq) FROM row_changes').pluck().get() as number;
      const raw = openFolderDatabase(dir);
      try {
        expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
        const stopped = raw.prepare('SELECT cursor FROM sync_state WHERE id = 1').pluck().get() as number;
        expect(stopped).toBeGreaterThanOrEqual(cursor);
        expect(stopped).toBeGreaterThan(0);
        expect(stopped).toBeLessThan(latest);
        // Whole pages only: the desk holds exactly the server's rows logged up to its cursor, none after it.
        for (const table of ['practitioners', 'applications']) {
          const expected = big.server.desk.sqlite.prepare('SELECT pk FROM row_changes WHERE tbl = ? AND seq <= ? ORDER BY pk').pluck().all(table, stopped);
          const held = raw.prepare(`SELECT id FROM ${table} ORDER BY id`).pluck().all();
          expect(held, table).toEqual(expected);
        }
        expect(raw.pragma('foreign_key_check')).toEqual([]);
      } finally {
        raw.close();
      }

      p.decide = () => ({ pass: true });
      const again = openDesk(dir);
      try {
        await syncRound(again);
        expect(again.sqlite.prepare('SELECT cursor FROM sync_state').pluck().get()).toBe(latest);
        expect(count(again, 'applications')).toBe(1500);
        expect(snapshot(again)).toEqual(snapshot(big.server.desk));
        expect(again.sqlite.pragma('foreign_key_check')).toEqual([]);
      } finally {
        await again.close();
      }
    } finally {
      child?.kill('SIGKILL');
      await p.close();
      await big.server.close();
    }
  }, 90_000);
});

describe('sync faults: refusals', () => {
  it('a desk on an older schema version is told to update the desk, over the wire and from its own round', async () => {
    const d = keep(await joinedDesk(s));
    const token = d.secrets.get('sync.token')!;
    const old = await postSync(`${s.server.url}/v1/sync/pull`, { schemaVersion: LATEST_SCHEMA_VERSION - 1, cursor: 0 }, token);
    expect(old.status).toBe(409);
    expect(old.body.message).toMatch(new RegExp(`schema version ${LATEST_SCHEMA_VERSION - 1} .* at ${LATEST_SCHEMA_VERSION}: update the app on the desk`));
    const newer = await postSync(`${s.server.url}/v1/sync/push`, { schemaVersion: LATEST_SCHEMA_VERSION + 1, ops: [] }, token);
    expect(newer.status).toBe(409);
    expect(newer.body.message).toMatch(/update the app on the central service/);

    // The desk pretends to be one version behind: its round stops with the server's words, the outbox kept.
    expect((await d.dispatch('application.approve', { applicationId: appIds[8] }, actorOn(d, 'officer'))).ok).toBe(true);
    const last = d.sqlite.prepare('SELECT * FROM schema_migrations ORDER BY version DESC LIMIT 1').get() as {
      version: number;
      name: string;
      applied_at: string;
    };
    d.sqlite.prepare('DELETE FROM schema_migrations WHERE version = ?').run(last.version);
    try {
      const failed = syncRound(d);
      await expect(failed).rejects.toThrow(/update the app on the desk to the same version/);
      await expect(failed).rejects.toMatchObject({ code: 'version_mismatch' });
      expect(count(d, 'outbox')).toBe(1);
      expect(d.sqlite.prepare('SELECT last_error FROM sync_state').pluck().get()).toMatch(/update the app on the desk/);
      expect(stateOn(s.server.desk, appIds[8]!)).toBe('submitted');
    } finally {
      d.sqlite.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(last.version, last.name, last.applied_at);
    }
    expect(await sync(d)).toMatchObject({ applied: 1 });
  });

  it('a service that speaks another sync protocol, as its health says, is refused before the desk signs in', async () => {
    const p = await proxy();
    await expect(checkHealth(p.url)).resolves.toBeUndefined();
    const health = json(p.exchanges[0]!.answer) as { protocol: number };
    expect(health.protocol).toBe(SYNC_PROTOCOL_VERSION);
    for (const [theirs, side] of [
      [SYNC_PROTOCOL_VERSION + 1, 'desk'],
      [SYNC_PROTOCOL_VERSION - 1, 'central service'],
    ] as const) {
      p.decide = (x) => ({ replace: { ...x, answer: Buffer.from(JSON.stringify({ ...health, protocol: theirs })) } });
      const refused = checkHealth(p.url);
      await expect(refused).rejects.toMatchObject({ code: 'version_mismatch' });
      await expect(refused).rejects.toThrow(
        `${p.url} speaks sync protocol ${theirs} and this desk ${SYNC_PROTOCOL_VERSION}: update the app on the ${side} to the same version.`,
      );
    }
  });

  it('an unknown token, or none, gets 401 saying the service does not know the desk; the desk keeps its changes and says so', async () => {
    for (const token of ['not-a-token-the-server-gave', undefined]) {
      const r = await postSync(`${s.server.url}/v1/sync/pull`, { schemaVersion: LATEST_SCHEMA_VERSION, cursor: 0 }, token);
      expect(r.status).toBe(401);
      expect(r.body).toMatchObject({ code: 'not_signed_in', message: expect.stringMatching(/does not know this desk's token.*joins this desk again/) });
    }

    const d = keep(await joinedDesk(s));
    d.secrets.set('sync.token', 'a-token-the-server-never-gave');
    expect((await d.dispatch('application.approve', { applicationId: appIds[9] }, actorOn(d, 'officer'))).ok).toBe(true);
    const failed = syncRound(d);
    await expect(failed).rejects.toThrow(/joins this desk again/);
    await expect(failed).rejects.toMatchObject({ code: 'not_signed_in' });
    expect(count(d, 'outbox')).toBe(1);
    expect(stateOn(s.server.desk, appIds[9]!)).toBe('submitted');
    const status = await d.query('sync.status', {}, actorOn(d, 'officer'));
    expect(status.ok && status.value.refusal).toMatchObject({ kind: 'unknown', headline: 'The central service does not know this desk.' });
  });
});

describe('sync faults: ops delivered twice or out of order', () => {
  it('a push delivered to the server a second time is answered duplicate and changes nothing', async () => {
    const p = await proxy();
    const d = keep(await joinedDeskAt(p.url));
    const officer = actorOn(d, 'officer');
    expect((await d.dispatch('application.approve', { applicationId: appIds[10] }, officer)).ok).toBe(true);
    expect((await d.dispatch('application.return', { applicationId: appIds[11], reason: 'Photo is not clear' }, officer)).ok).toBe(true);
    expect(await sync(d)).toMatchObject({ sent: 2, applied: 2 });
    const push = p.exchanges.find((x) => x.path === '/v1/sync/push')!;
    const before = { snapshot: snapshot(s.server.desk), latest: serverLatest(), audit: count(s.server.desk, 'audit_events') };
    const again = await fetch(`${s.server.url}/v1/sync/push`, {
      method: 'POST',
      body: push.body.toString('utf8'),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${d.secrets.get('sync.token')!}` },
    });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { results: { status: string }[] }).results.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
    expect({ snapshot: snapshot(s.server.desk), latest: serverLatest(), audit: count(s.server.desk, 'audit_events') }).toEqual(before);
    expect(await sync(d)).toMatchObject({ sent: 0, received: 0 });
  });

  it('ops that reach the server out of order: the one whose record is not there yet is refused with its reason, the rest applied, and the desk converges', async () => {
    const p = await proxy();
    const d = keep(await joinedDeskAt(p.url));
    const admin = actorOn(d, 'admin');
    await s.server.close();
    const created = await d.dispatch('centre.create', { code: 'KSM9', name: 'Kisumu Annex', town: 'Kisumu' }, admin);
    if (!created.ok) throw new Error(created.error.message);
    const centreId = (created.value as { id: string }).id;
    expect((await d.dispatch('centre.update', { id: centreId, name: 'Kisumu Annex Two' }, admin)).ok).toBe(true);
    expect(d.sqlite.prepare('SELECT name FROM centres WHERE id = ?').pluck().get(centreId)).toBe('Kisumu Annex Two');
    await restart(s);
    // The proxy delivers the page with its ops the other way round.
    p.rewrite = (route, body) => {
      if (route !== '/v1/sync/push') return body;
      const page = json(body);
      return Buffer.from(JSON.stringify({ ...page, ops: [...page.ops].reverse() }));
    };
    const report = await sync(d);
    expect(report).toMatchObject({ sent: 2, applied: 1, duplicate: 0 });
    expect(report.rejected).toEqual([expect.objectContaining({ name: 'centre.update', reason: `No centre with id ${centreId}.` })]);
    const centre = 'SELECT code, name, town FROM centres WHERE id = ?';
    expect(s.server.desk.sqlite.prepare(centre).get(centreId)).toEqual({ code: 'KSM9', name: 'Kisumu Annex', town: 'Kisumu' });
    expect(d.sqlite.prepare(centre).get(centreId)).toEqual({ code: 'KSM9', name: 'Kisumu Annex', town: 'Kisumu' });
    expect(count(d, 'outbox')).toBe(0);
    const status = await d.query('sync.status', {}, admin);
    expect(status.ok && status.value.rejections).toEqual([expect.objectContaining({ name: 'centre.update', reason: report.rejected[0]!.reason })]);
  });
});

describe('sync faults: the desk process killed during a push', () => {
  it('SIGKILL after the server applied the push but before the desk heard: the ops are still waiting, and the next round has them answered duplicate', async () => {
    const p = await proxy();
    const joined = await joinedDeskAt(p.url);
    const dir = joined.dataDir;
    const officer = actorOn(joined, 'officer');
    expect((await joined.dispatch('application.approve', { applicationId: appIds[12] }, officer)).ok).toBe(true);
    expect((await joined.dispatch('application.reject', { applicationId: appIds[13], reason: 'Declaration not accepted' }, officer)).ok).toBe(true);
    await joined.close();
    p.decide = (x) => (x.path === '/v1/sync/push' ? { hold: true } : { pass: true });
    const run = kmlttbSync(dir);
    try {
      await Promise.race([
        p.whenHeld(1),
        run.exited.then(() => {
          throw new Error(`kmlttb sync ended: ${run.output.join('')}`);
        }),
      ]);
      // The server has done the work; the desk is waiting for the answer.
      expect(stateOn(s.server.desk, appIds[12]!)).toBe('approved');
      expect(stateOn(s.server.desk, appIds[13]!)).toBe('rejected');
      run.child.kill('SIGKILL');
      expect(await run.exited).toEqual({ code: null, signal: 'SIGKILL' });
    } finally {
      run.child.kill('SIGKILL');
    }
    p.decide = () => ({ pass: true });

    const d = keep(openDesk(dir));
    expect(d.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(count(d, 'outbox')).toBe(2);
    const report = await sync(d);
    expect(report).toMatchObject({ sent: 2, applied: 0, duplicate: 2, rejected: [] });
    for (const id of [appIds[12], appIds[13]]) expect(count(s.server.desk, 'sms_messages', 'application_id = ?', id)).toBe(1);
    expect(count(s.server.desk, 'invoices', 'application_id = ?', appIds[12])).toBe(1);
    expect(count(d, 'outbox')).toBe(0);
    expect(snapshot(d)).toEqual(snapshot(s.server.desk));
  }, 60_000);

  it('`kmlttb sync` exits 1 and says so when the server cannot be reached, keeping the ops', async () => {
    const p = await proxy();
    const joined = await joinedDeskAt(p.url);
    const dir = joined.dataDir;
    expect((await joined.dispatch('application.approve', { applicationId: appIds[14] }, actorOn(joined, 'officer'))).ok).toBe(true);
    await joined.close();
    await p.close();
    const run = kmlttbSync(dir);
    expect(await run.exited).toEqual({ code: 1, signal: null });
    expect(run.output.join('')).toMatch(/Cannot reach the central service at http:\/\/127\.0\.0\.1:\d+: connection refused/);
    const d = keep(openDesk(dir));
    expect(count(d, 'outbox')).toBe(1);
    expect(d.sqlite.prepare('SELECT last_error FROM sync_state').pluck().get()).toMatch(/Cannot reach/);
  }, 60_000);
});
