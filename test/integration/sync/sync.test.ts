import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticate } from '../../../src/main/auth/sessions.js';
import type { Desk } from '../../../src/main/desk.js';
import { syncRound } from '../../../src/main/sync/round.js';
import { SYSTEM_ACTOR } from '../../../src/main/core/actor.js';
import { openDesk } from '../../../src/main/desk.js';
import { count, PASSWORD, tempDir } from '../support/tempDesk.js';
import { actorOn, joinedDesk, restart, seedApplication, snapshot, startTestServer, sync, type TestServer } from './support.js';

let s: TestServer;
let appIds: string[] = [];
const desks: Desk[] = [];

beforeAll(async () => {
  s = await startTestServer((t) => {
    appIds = Array.from({ length: 6 }, (_, i) => seedApplication(t.desk, { ref: `ECZ-SYNC-${i}`, nationalId: `2900000${i}` }));
  });
});
afterAll(async () => {
  for (const d of desks) await d.close();
  await s.server.close();
});

async function desk(username = 'admin', centre?: string): Promise<Desk> {
  const d = await joinedDesk(s, username, centre);
  desks.push(d);
  return d;
}

describe('a desk that joins the central service', () => {
  it("receives the server's users and records, and its own local users are gone", async () => {
    const d = await desk();
    expect(snapshot(d)).toEqual(snapshot(s.server.desk));
    expect(count(d, 'users')).toBe(count(s.server.desk, 'users'));
  });

  it('works offline, then sends its ops: the server applies them and queues exactly one SMS; the desk sends none', async () => {
    const d = await desk();
    await s.server.close();
    const officer = actorOn(d, 'officer');
    const approved = await d.dispatch('application.approve', { applicationId: appIds[0] }, officer);
    expect(approved.ok).toBe(true);
    await expect(syncRound(d)).rejects.toThrow(/Cannot reach the central service/);
    expect(count(d, 'outbox')).toBe(1);
    await restart(s);
    const report = await sync(d);
    expect(report).toMatchObject({ sent: 1, applied: 1, duplicate: 0, rejected: [] });
    expect(count(d, 'outbox')).toBe(0);
    const server = s.server.desk;
    expect(server.sqlite.prepare('SELECT state FROM applications WHERE id = ?').pluck().get(appIds[0])).toBe('approved');
    expect(count(server, 'sms_messages', 'application_id = ?', appIds[0])).toBe(1);
    expect(count(d, 'sms_attempts')).toBe(0);
    expect(snapshot(d)).toEqual(snapshot(server));
  });

  it('two officers decide the same application offline: the first to sync wins, the other sees why', async () => {
    const a = await desk();
    const b = await desk();
    await s.server.close();
    expect((await a.dispatch('application.approve', { applicationId: appIds[1] }, actorOn(a, 'officer'))).ok).toBe(true);
    expect((await b.dispatch('application.reject', { applicationId: appIds[1], reason: 'CPD points missing' }, actorOn(b, 'officer'))).ok).toBe(true);
    await restart(s);
    expect((await sync(a)).applied).toBe(1);
    const lost = await sync(b);
    expect(lost.rejected).toHaveLength(1);
    expect(lost.rejected[0]!.reason).toMatch(/approved/i);
    await sync(a);
    for (const d of [a, b]) expect(snapshot(d)).toEqual(snapshot(s.server.desk));
    expect(b.sqlite.prepare('SELECT state FROM applications WHERE id = ?').pluck().get(appIds[1])).toBe('approved');
    const status = await b.query('sync.status', {}, actorOn(b, 'officer'));
    expect(status.ok && status.value.rejections).toEqual([
      expect.objectContaining({ name: 'application.reject', subject: 'ECZ-SYNC-1', reason: lost.rejected[0]!.reason }),
    ]);
  });
});

describe('the address of the central service', () => {
  const PLAIN = 'uses plain http://, which is refused except to this computer (127.0.0.1, ::1, localhost): use https://';

  it('joining (Settings, Sync) refuses plain http:// to another computer, names the field, and changes nothing', async () => {
    const d = openDesk(tempDir('kmlttb-desk-'));
    desks.push(d);
    const audit = count(d, 'audit_events');
    const r = await d.dispatch(
      'sync.join',
      { serverUrl: 'http://sync.kmlttb.go.ke', deskName: 'Front desk', username: 'admin', password: PASSWORD },
      SYSTEM_ACTOR,
    );
    expect(r.ok || r.error).toMatchObject({ code: 'invalid_input', field: 'serverUrl', message: `The central service's address ${PLAIN}` });
    expect(count(d, 'sync_state')).toBe(0);
    expect(count(d, 'audit_events')).toBe(audit);
    expect(d.syncEnabled()).toBe(false);
  });

  it('a desk whose stored address is plain http:// to another computer refuses to call it, before any request', async () => {
    const d = await desk();
    d.sqlite.prepare("UPDATE sync_state SET server_url = 'http://sync.kmlttb.go.ke'").run();
    await expect(syncRound(d)).rejects.toMatchObject({ code: 'invalid_input', message: `The central service address 'http://sync.kmlttb.go.ke' ${PLAIN}.` });
    expect(d.sqlite.prepare('SELECT last_error FROM sync_state').pluck().get()).toMatch(/uses plain http:\/\//);
  });
});

describe('users made on a desk that syncs', () => {
  it('reach the service with a password verifier, never the password itself, and can sign in there', async () => {
    const d = await desk();
    const secret = 'Plain-Secret-Password-42';
    const made = await d.dispatch('user.create', { username: 'new.officer', fullName: 'New Officer', role: 'officer', password: secret }, actorOn(d, 'admin'));
    expect(made.ok).toBe(true);
    const queued = d.sqlite.prepare(`SELECT input FROM outbox WHERE name = 'user.create'`).pluck().get() as string;
    expect(queued).not.toContain(secret);
    expect(JSON.parse(queued)).toMatchObject({
      username: 'new.officer',
      credentials: { passwordHash: expect.stringMatching(/^scrypt\$131072\$/), opPublicKey: expect.any(String), opKeyWrapped: expect.any(String) },
    });
    expect((await sync(d)).applied).toBe(1);
    const actor = await authenticate(s.server.desk, 'new.officer', secret);
    expect(actor.role).toBe('officer');
    // The key the desk made, unwrapped on the service by the same password, signs what the service takes.
    expect(actor.signingKey).toBeDefined();
  });
});
