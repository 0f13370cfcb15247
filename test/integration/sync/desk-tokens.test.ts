import { afterAll, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../../src/main/db/migrate.js';
import { openDesk, type Desk } from '../../../src/main/desk.js';
import { DESK_TOKEN_EXPIRES_UNUSED_DAYS } from '../../../src/shared/contract/syncWire.js';
import { syncRound } from '../../../src/main/sync/round.js';
import { count, PASSWORD } from '../support/tempDesk.js';
import { json, startProxy, type SyncProxy } from './proxy.js';
import { actorOn, joinedDeskAt, movableClock, postSync, seedApplication, startTestServer, sync, type TestServer } from './support.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const servers: TestServer[] = [];
const proxies: SyncProxy[] = [];
const desks: Desk[] = [];

afterAll(async () => {
  for (const d of desks) await d.close();
  for (const p of proxies) await p.close();
  for (const s of servers) await s.server.close();
});

/** A central service of its own on a clock the test moves, and a desk joined to it (through a proxy when asked). */
async function serviceWithDesk(options: { proxy?: boolean } = {}) {
  const time = movableClock('2031-06-01T05:00:00.000Z');
  let appId = '';
  const s = await startTestServer(
    (t) => {
      appId = seedApplication(t.desk, { ref: `ECZ-TOK-${servers.length}` });
    },
    { clock: time.clock },
  );
  servers.push(s);
  const proxy = options.proxy ? await startProxy(s.server.url) : null;
  if (proxy) proxies.push(proxy);
  const desk = await joinedDeskAt(proxy?.url ?? s.server.url, 'admin', { clock: time.clock });
  desks.push(desk);
  return { s, time, desk, proxy, appId };
}

const tokenOf = (d: Desk) => d.secrets.get('sync.token')!;
/** A request that never offers a token (rows by key): whether the service takes this token now. */
const statusWith = async (s: TestServer, token: string) =>
  (await postSync(`${s.server.url}/v1/sync/rows`, { schemaVersion: LATEST_SCHEMA_VERSION, keys: [] }, token)).status;
const tokensHeld = (s: TestServer) => count(s.server.desk, 'sync_desk_tokens');

describe('desk tokens expire unless used', () => {
  it(`a token used within ${DESK_TOKEN_EXPIRES_UNUSED_DAYS} days keeps working; one unused for longer gets 401 "expired" and changes nothing`, async () => {
    const { s, time, desk, appId } = await serviceWithDesk();
    time.advance(60 * DAY);
    await sync(desk);
    time.advance(60 * DAY);
    await sync(desk);

    expect((await desk.dispatch('application.approve', { applicationId: appId }, actorOn(desk, 'officer'))).ok).toBe(true);
    time.advance(DESK_TOKEN_EXPIRES_UNUSED_DAYS * DAY + MINUTE);
    const failed = syncRound(desk);
    await expect(failed).rejects.toMatchObject({
      code: 'desk_token_expired',
      message: expect.stringMatching(
        /^This desk's token has expired: it was last used on .+, more than 90 days ago\. To sync again, an administrator joins this desk again/,
      ),
    });
    expect(count(desk, 'outbox')).toBe(1);
    expect(s.server.desk.sqlite.prepare('SELECT state FROM applications WHERE id = ?').pluck().get(appId)).toBe('submitted');
    const status = await desk.query('sync.status', {}, actorOn(desk, 'officer'));
    expect(status.ok && status.value.refusal).toMatchObject({
      kind: 'expired',
      headline: "This desk's access to the central service expired (not used for 90 days).",
    });
    const r = await postSync(`${s.server.url}/v1/sync/pull`, { schemaVersion: LATEST_SCHEMA_VERSION, cursor: 0 }, tokenOf(desk));
    expect(r).toMatchObject({ status: 401, body: { code: 'desk_token_expired' } });

    // An administrator's list shows the desk expired (on the same clock).
    const list = await s.server.desk.query('sync.desks', {}, s.actors.admin);
    expect(list.ok && list.value.map((d) => d.state)).toEqual(['expired']);

    // An administrator joins it again, keeping its records and its waiting change, which now goes through.
    const admin = actorOn(desk, 'admin');
    const wrong = await desk.dispatch('sync.joinAgain', { username: 'admin', password: 'not-the-password' }, admin);
    expect(!wrong.ok && wrong.error).toMatchObject({ code: 'not_signed_in', message: expect.stringMatching(/password/i) });
    expect((await desk.dispatch('sync.joinAgain', { username: 'admin', password: PASSWORD }, admin)).ok).toBe(true);
    expect(await sync(desk)).toMatchObject({ sent: 1, applied: 1 });
    expect(s.server.desk.sqlite.prepare('SELECT state FROM applications WHERE id = ?').pluck().get(appId)).toBe('approved');
    const after = await desk.query('sync.status', {}, admin);
    expect(after.ok && after.value).toMatchObject({ refusal: null, lastError: null });
    const needless = await desk.dispatch('sync.joinAgain', { username: 'admin', password: PASSWORD }, admin);
    expect(!needless.ok && needless.error).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/accepts this desk: it does not need to join again/),
    });
  });
});

describe('desk tokens rotate on use', () => {
  it('a pull gives the desk a new token once a day; the old one works until the desk uses the new one, then never again', async () => {
    const { s, time, desk } = await serviceWithDesk();
    const first = tokenOf(desk);
    await sync(desk);
    expect(tokenOf(desk)).toBe(first);

    time.advance(DAY + MINUTE);
    await sync(desk);
    const second = tokenOf(desk);
    expect(second).not.toBe(first);
    // Not used yet: the desk may not have heard of it, so both are good.
    expect(await statusWith(s, first)).toBe(200);
    expect(await statusWith(s, second)).toBe(200);
    expect(tokensHeld(s)).toBe(1);

    // Used within the day: no new one.
    time.advance(MINUTE);
    await sync(desk);
    expect(tokenOf(desk)).toBe(second);
    const recorded = await postSync(`${s.server.url}/v1/sync/pull`, { schemaVersion: LATEST_SCHEMA_VERSION, cursor: 0 }, first);
    expect(recorded).toMatchObject({ status: 401, body: { code: 'not_signed_in' } });
    expect(tokensHeld(s)).toBe(1);
  });

  it('a pull of many pages on a day-old token, or a first sync that starts on one, leaves the desk with a token the service takes', async () => {
    const { s, time, desk } = await serviceWithDesk();
    s.server.desk.sqlite.transaction(() => {
      for (let i = 0; i < 40; i++) seedApplication(s.server.desk, { ref: `ECZ-TOK-MANY-${i}`, nationalId: `2820${String(i).padStart(4, '0')}` });
    })();
    const saved = process.env.KMLTTB_SYNC_PAGE_ROWS;
    process.env.KMLTTB_SYNC_PAGE_ROWS = '4';
    try {
      // Every page of the pull is asked with the day-old token, and each is offered a new one.
      time.advance(DAY + MINUTE);
      const report = await sync(desk);
      expect(report.received).toBeGreaterThan(40);
      expect(await statusWith(s, tokenOf(desk))).toBe(200);
      time.advance(MINUTE);
      await sync(desk);
      expect(await statusWith(s, tokenOf(desk))).toBe(200);

      // A new desk whose token is a day old when its first sync starts (its pages asked several at a time).
      const fresh = await joinedDeskAt(s.server.url, 'admin', { pull: false, clock: time.clock });
      desks.push(fresh);
      time.advance(DAY + MINUTE);
      await sync(fresh);
      expect(count(fresh, 'applications')).toBe(count(s.server.desk, 'applications'));
      expect(await statusWith(s, tokenOf(fresh))).toBe(200);
      time.advance(MINUTE);
      await sync(fresh);
      expect(await statusWith(s, tokenOf(fresh))).toBe(200);
    } finally {
      if (saved === undefined) delete process.env.KMLTTB_SYNC_PAGE_ROWS;
      else process.env.KMLTTB_SYNC_PAGE_ROWS = saved;
    }
  });

  it('a new token lost on its way does not lock the desk out: it keeps the old one, is offered another, and the tokens it never had die with the old one', async () => {
    const { s, time, desk, proxy } = await serviceWithDesk({ proxy: true });
    const p = proxy!;
    const old = tokenOf(desk);
    time.advance(2 * DAY);
    // The pull's answer is lost, and so is the desk's retry on a new connection.
    const from = p.exchanges.length;
    let drops = 2;
    p.decide = (x) => (x.path === '/v1/sync/pull' && drops-- > 0 ? { drop: true } : { pass: true });
    await expect(syncRound(desk)).rejects.toThrow(/Cannot reach the central service/);
    expect(drops).toBe(0);
    const neverHad = p.exchanges
      .slice(from)
      .filter((x) => x.path === '/v1/sync/pull')
      .map((x) => json(x.answer).token as string);
    expect(neverHad).toHaveLength(2);
    expect(neverHad.every((t) => typeof t === 'string' && t !== old)).toBe(true);
    expect(tokenOf(desk)).toBe(old);

    // The next round gets through with the old token, and is offered a third.
    await sync(desk);
    const current = tokenOf(desk);
    expect([old, ...neverHad]).not.toContain(current);
    time.advance(MINUTE);
    expect(await sync(desk)).toMatchObject({ received: 0 });
    for (const t of [old, ...neverHad]) expect(await statusWith(s, t)).toBe(401);
    expect(await statusWith(s, current)).toBe(200);
    expect(tokensHeld(s)).toBe(1);
  });

  it("the new token is kept in the desk's secrets: the desk opened again syncs with it, and the old one is then refused", async () => {
    const { s, time, desk } = await serviceWithDesk();
    const old = tokenOf(desk);
    time.advance(2 * DAY);
    await sync(desk);
    const offered = tokenOf(desk);
    expect(offered).not.toBe(old);
    const dir = desk.dataDir;
    await desk.close();
    desks.splice(desks.indexOf(desk), 1);

    const reopened = openDesk(dir, { clock: time.clock });
    desks.push(reopened);
    time.advance(MINUTE);
    await sync(reopened);
    expect(tokenOf(reopened)).toBe(offered);
    expect(await statusWith(s, old)).toBe(401);
    expect(await statusWith(s, offered)).toBe(200);
  });
});
