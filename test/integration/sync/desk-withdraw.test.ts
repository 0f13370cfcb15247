import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../../src/main/db/migrate.js';
import type { Desk } from '../../../src/main/desk.js';
import { syncRound } from '../../../src/main/sync/round.js';
import { count, PASSWORD } from '../support/tempDesk.js';
import { actorOn, joinedDeskAt, kmlttbSync, movableClock, postSync, seedApplication, startTestServer, sync, type TestServer } from './support.js';

const MINUTE = 60_000;
const servers: TestServer[] = [];
const desks: Desk[] = [];

afterAll(async () => {
  for (const d of desks) await d.close();
  for (const s of servers) await s.server.close();
});

/** A central service of its own, on its own clock, with a few applications; desks joined to it share the clock. */
async function service(applications = 2) {
  const time = movableClock('2031-03-02T06:00:00.000Z');
  const appIds: string[] = [];
  const s = await startTestServer(
    (t) => {
      for (let i = 0; i < applications; i++) appIds.push(seedApplication(t.desk, { ref: `ECZ-WD-${servers.length}-${i}` }));
    },
    { clock: time.clock },
  );
  servers.push(s);
  const join = async (deskName: string, username = 'admin', options: { centreCode?: string } = {}) => {
    const d = await joinedDeskAt(s.server.url, username, { deskName, clock: time.clock, ...options });
    desks.push(d);
    return d;
  };
  return { s, time, appIds, join };
}

const deskIdOf = (d: Desk) => d.sqlite.prepare('SELECT desk_id FROM sync_state').pluck().get() as string;
const stateOn = (d: Desk, id: string) => d.sqlite.prepare('SELECT state FROM applications WHERE id = ?').pluck().get(id);

describe('withdrawing a desk', () => {
  it('an administrator withdraws a desk from their own desk: its next requests get 401 "withdrawn", nothing it pushes is applied, and it says so', async () => {
    const { s, appIds, join } = await service();
    const adminDesk = await join('Head office');
    const lost = await join('Lost laptop');
    const lostId = deskIdOf(lost);
    // The lost desk has a change waiting when it is withdrawn.
    expect((await lost.dispatch('application.approve', { applicationId: appIds[0] }, actorOn(lost, 'officer'))).ok).toBe(true);
    const waiting = lost.sqlite.prepare('SELECT op_id AS opId, name, input, actor_id AS actorId, at, seq FROM outbox').get() as Record<string, unknown>;

    await sync(adminDesk);
    const admin = actorOn(adminDesk, 'admin');
    const listed = await adminDesk.query('sync.desks', {}, admin);
    expect(listed.ok && listed.value.map((d) => [d.name, d.state, d.joinedBy, d.thisDesk])).toEqual(
      expect.arrayContaining([
        ['Head office', 'active', 'admin', true],
        ['Lost laptop', 'active', 'admin', false],
      ]),
    );

    const withdrawn = await adminDesk.dispatch('sync.withdrawDesk', { deskId: lostId }, admin);
    expect(withdrawn.ok && withdrawn.value).toMatchObject({ name: 'Lost laptop', state: 'withdrawn', withdrawnBy: 'admin' });
    expect(await sync(adminDesk)).toMatchObject({ sent: 1, applied: 1, rejected: [] });
    const server = s.server.desk;
    expect(server.sqlite.prepare('SELECT withdrawn_by FROM sync_desks WHERE id = ?').pluck().get(lostId)).toBe('admin');
    expect(server.sqlite.prepare(`SELECT actor_name, summary FROM audit_events WHERE action = 'sync.withdrawDesk' AND entity_id = ?`).get(lostId)).toEqual({
      actor_name: 'admin',
      summary: "Withdrew desk 'Lost laptop' from the central service",
    });

    // Every route refuses the withdrawn desk's token, with its own words; its op, sent by hand, changes nothing.
    const token = lost.secrets.get('sync.token')!;
    const before = { applied: count(server, 'applied_ops'), audit: count(server, 'audit_events') };
    const bodies = { push: { ops: [{ ...waiting, input: JSON.parse(waiting.input as string) }] }, pull: { cursor: 0 }, rows: { keys: [] } };
    for (const [route, body] of Object.entries(bodies)) {
      const r = await postSync(`${s.server.url}/v1/sync/${route}`, { schemaVersion: LATEST_SCHEMA_VERSION, ...body }, token);
      expect(r.status, route).toBe(401);
      expect(r.body, route).toMatchObject({
        code: 'desk_withdrawn',
        message: expect.stringMatching(
          /^This desk was withdrawn from the central service by admin on .+\. To sync again, an administrator joins this desk again/,
        ),
      });
    }
    expect(stateOn(server, appIds[0]!)).toBe('submitted');
    expect({ applied: count(server, 'applied_ops'), audit: count(server, 'audit_events') }).toEqual(before);

    const failed = syncRound(lost);
    await expect(failed).rejects.toMatchObject({ code: 'desk_withdrawn', message: expect.stringMatching(/^This desk was withdrawn/) });
    expect(count(lost, 'outbox')).toBe(1);
    expect(stateOn(server, appIds[0]!)).toBe('submitted');
    const status = await lost.query('sync.status', {}, actorOn(lost, 'officer'));
    expect(status.ok && status.value.refusal).toEqual({
      kind: 'withdrawn',
      headline: 'This desk was withdrawn from the central service.',
      advice: 'To sync again, an administrator joins it again (Settings, Sync).',
    });
    // It cannot pull its own withdrawal, but its list says it.
    const ownList = await lost.query('sync.desks', {}, actorOn(lost, 'admin'));
    expect(ownList.ok && ownList.value.find((d) => d.thisDesk)).toMatchObject({ id: lostId, state: 'withdrawn' });

    // The administrator's list shows it withdrawn, by whom and when.
    await sync(adminDesk);
    const after = await adminDesk.query('sync.desks', {}, admin);
    expect(after.ok && after.value.find((d) => d.id === lostId)).toMatchObject({ state: 'withdrawn', withdrawnBy: 'admin', withdrawnAt: expect.any(String) });

    // `kmlttb sync` on the withdrawn desk's folder exits 1 with the same words.
    const dir = lost.dataDir;
    await lost.close();
    desks.splice(desks.indexOf(lost), 1);
    const run = kmlttbSync(dir);
    expect(await run.exited).toEqual({ code: 1, signal: null });
    expect(run.output.join('')).toMatch(/kmlttb: This desk was withdrawn from the central service by admin on .+ joins this desk again/);

    // An administrator joins it again from the command line, as a new desk: its waiting change goes through; the old token stays refused.
    const passwordFile = path.join(dir, 'admin-password');
    fs.writeFileSync(passwordFile, `${PASSWORD}\n`);
    const again = kmlttbSync(dir, {}, ['--user', 'admin', '--password-file', passwordFile]);
    expect(await again.exited, again.output.join('')).toEqual({ code: 0, signal: null });
    expect(again.output.join('')).toMatch(/Joined .+ again as 'Lost laptop'\.[\s\S]*Ops sent: 1; applied: 1/);
    expect(stateOn(server, appIds[0]!)).toBe('approved');
    expect((await postSync(`${s.server.url}/v1/sync/pull`, { schemaVersion: LATEST_SCHEMA_VERSION, cursor: 0 }, token)).body.code).toBe('desk_withdrawn');
    expect(
      server.sqlite.prepare(`SELECT name, withdrawn_at IS NOT NULL AS withdrawn FROM sync_desks WHERE name = 'Lost laptop' ORDER BY withdrawn DESC`).all(),
    ).toEqual([
      { name: 'Lost laptop', withdrawn: 1 },
      { name: 'Lost laptop', withdrawn: 0 },
    ]);
  }, 60_000);

  it('an administrator cannot withdraw the desk they work on without confirming it; once confirmed, the ops after it in the same push are not applied', async () => {
    const { s, join } = await service(0);
    const d = await join('Front desk');
    const admin = actorOn(d, 'admin');
    const refused = await d.dispatch('sync.withdrawDesk', { deskId: deskIdOf(d) }, admin);
    expect(!refused.ok && refused.error).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/'Front desk' is the desk you are using: once withdrawn, it can no longer sync/),
    });
    expect(count(d, 'outbox')).toBe(0);

    expect((await d.dispatch('sync.withdrawDesk', { deskId: deskIdOf(d), confirmThisDesk: true }, admin)).ok).toBe(true);
    expect((await d.dispatch('centre.create', { code: 'WDX', name: 'After withdrawal', town: 'Nyeri' }, admin)).ok).toBe(true);
    const failed = syncRound(d);
    await expect(failed).rejects.toMatchObject({ code: 'desk_withdrawn' });
    expect(s.server.desk.sqlite.prepare('SELECT withdrawn_by FROM sync_desks WHERE id = ?').pluck().get(deskIdOf(d))).toBe('admin');
    expect(count(s.server.desk, 'centres', "code = 'WDX'")).toBe(0);
    expect(d.sqlite.prepare('SELECT name FROM outbox').pluck().all()).toEqual(['centre.create']);
  });

  it('an op withdrawing a desk already withdrawn is refused with who did it', async () => {
    const { join } = await service(0);
    const a = await join('Desk A');
    const b = await join('Desk B');
    const target = await join('Desk C');
    await sync(a);
    await sync(b);
    expect((await a.dispatch('sync.withdrawDesk', { deskId: deskIdOf(target) }, actorOn(a, 'admin'))).ok).toBe(true);
    expect((await b.dispatch('sync.withdrawDesk', { deskId: deskIdOf(target) }, actorOn(b, 'admin'))).ok).toBe(true);
    await sync(a);
    const second = await sync(b);
    expect(second.rejected).toEqual([
      expect.objectContaining({ name: 'sync.withdrawDesk', reason: expect.stringMatching(/^Desk 'Desk C' was already withdrawn by admin on /) }),
    ]);
  });
});

describe('the joined desks as desks see them', () => {
  it("reach the desks that hold all records, without any token; not a centre's desk; each desk's last seen changes at most every ten minutes", async () => {
    const { s, time, join } = await service(0);
    const full = await join('Records office');
    const centre = await join('Nairobi counter', 'admin', { centreCode: 'NRB' });
    await sync(full);
    await sync(centre);
    const server = s.server.desk;
    const ids = (d: Desk) => d.sqlite.prepare('SELECT id FROM sync_desks ORDER BY id').pluck().all();
    expect(ids(full)).toEqual(ids(server));
    expect(ids(full)).toHaveLength(2);
    expect(count(full, 'sync_desk_tokens')).toBe(0);
    expect(count(centre, 'sync_desks')).toBe(0);
    expect(count(server, 'sync_desk_tokens')).toBe(2);
    const centreRow = await full.query('sync.desks', {}, actorOn(full, 'admin'));
    expect(centreRow.ok && centreRow.value.find((d) => d.name === 'Nairobi counter')).toMatchObject({
      centreName: expect.stringMatching(/Nairobi/),
      joinedBy: 'admin',
    });

    const logged = () => server.sqlite.prepare(`SELECT seq FROM row_changes WHERE tbl = 'sync_desks' AND pk = ?`).pluck().get(deskIdOf(full));
    const seenAt = () => server.sqlite.prepare('SELECT last_seen_at FROM sync_desks WHERE id = ?').pluck().get(deskIdOf(full));
    const first = { seq: logged(), seen: seenAt() };
    time.advance(9 * MINUTE);
    await sync(full);
    await sync(full);
    expect({ seq: logged(), seen: seenAt() }).toEqual(first);
    expect(await sync(full)).toMatchObject({ received: 0 });
    time.advance(2 * MINUTE);
    await sync(full);
    expect(logged()).toBeGreaterThan(first.seq as number);
    expect(seenAt()).toBe(time.clock().toISOString());
  });
});
