import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Desk } from '../../../src/main/desk.js';
import { paidApplication } from '../support/paid.js';
import { actorOn, joinedDesk, startTestServer, sync, type TestServer } from './support.js';

/**
 * Secrets stay on the desk that holds them; the key that verifies licences reaches every desk.
 * The service starts with no licence and so no key: the first is made once desks have joined.
 */
let s: TestServer;
let clerkDesk: Desk;
let adminDesk: Desk;

beforeAll(async () => {
  s = await startTestServer();
  clerkDesk = await joinedDesk(s, 'admin', 'NRB');
  adminDesk = await joinedDesk(s, 'admin');
});
afterAll(async () => {
  await clerkDesk?.close();
  await adminDesk?.close();
  await s.server.close();
});

async function issuedOnService(on: TestServer = s): Promise<string> {
  const server = on.server.desk;
  const id = await paidApplication(server, on.actors.officer, {
    centreId: server.sqlite.prepare("SELECT id FROM centres WHERE code = 'NRB'").pluck().get() as string,
  });
  const issued = await server.dispatch('licence.issue', { applicationIds: [id] }, on.actors.officer);
  if (!issued.ok) throw new Error(issued.error.message);
  return server.sqlite.prepare('SELECT qr_payload FROM licences WHERE id = ?').pluck().get(issued.value.issued[0]!.licenceId) as string;
}

const verifyOn = async (desk: Desk, payload: string) => {
  const r = await desk.query('licence.verify', { payload }, actorOn(desk, 'clerk.nrb'));
  return r.ok ? r.value : r.error;
};

describe('the key that verifies licences', () => {
  it("reaches a clerk's centre desk with the next sync, and the desk verifies a licence issued on the service", async () => {
    // A service of its own, whose key is made after the desk joined: the other tests here issue on the shared one.
    const own = await startTestServer();
    const desk = await joinedDesk(own, 'admin', 'NRB');
    try {
      const payload = await issuedOnService(own);
      expect(await verifyOn(desk, payload)).toMatchObject({ code: 'not_configured' });
      await sync(desk);
      const serverKeys = own.server.desk.sqlite.prepare('SELECT public_key FROM licence_keys').pluck().all();
      expect(serverKeys).toHaveLength(1);
      expect(desk.sqlite.prepare('SELECT public_key FROM licence_keys').pluck().all()).toEqual(serverKeys);
      expect(await verifyOn(desk, payload)).toMatchObject({ status: 'valid', knownHere: true });
      const changed = payload.replace(/\|([^|]+)\|([^|]+)$/, (_m, holder: string, sig: string) => `|${holder}X|${sig}`);
      expect(await verifyOn(desk, changed)).toMatchObject({ status: 'tampered' });
    } finally {
      await desk.close();
      await own.server.close();
    }
  });

  it("lets kmlttb verify-licence on the joined desk's data folder say valid", async () => {
    const payload = await issuedOnService();
    await sync(clerkDesk);
    const cli = spawnSync('node', ['bin/kmlttb.js', '--data', clerkDesk.dataDir, 'verify-licence', payload], { encoding: 'utf8' });
    expect({ code: cli.status, out: cli.stdout, err: cli.stderr }).toMatchObject({
      code: 0,
      out: expect.stringMatching(/^VALID: Valid licence KMLTTB\/2026\//),
    });
  });
});

describe('a secret set on a desk that syncs', () => {
  const SMS_KEY = 'atsk_desk_only_5f0c2a9e71b34d86';
  const ECITIZEN = 'ecitizen-secret-of-this-desk-83a1';

  it('stays on the desk: not in the outbox, the audit trail, the ops record or anywhere in the database, and never reaches the service', async () => {
    const admin = actorOn(adminDesk, 'admin');
    for (const [key, value] of [
      ['sms.apiKey', SMS_KEY],
      ['server.ecitizenSecret', ECITIZEN],
    ] as const) {
      const r = await adminDesk.dispatch('setting.set', { key, value }, admin);
      expect(r.ok && r.value.value).toBe('••••••••');
    }
    expect(adminDesk.setting('sms.apiKey')).toBe(SMS_KEY);
    // A plain setting still goes to the service, so the outbox is watched where it matters.
    expect((await adminDesk.dispatch('setting.set', { key: 'review.cpdThreshold', value: '25' }, admin)).ok).toBe(true);
    const outbox = adminDesk.sqlite.prepare('SELECT name, input FROM outbox').all() as { name: string; input: string }[];
    expect(outbox.map((o) => JSON.parse(o.input).key)).toEqual(['review.cpdThreshold']);

    const audit = adminDesk.sqlite.prepare("SELECT summary, before, after FROM audit_events WHERE action = 'setting.set' ORDER BY seq").all();
    expect(audit).toEqual([
      { summary: 'Secret setting sms.apiKey set', before: null, after: null },
      { summary: 'Secret setting server.ecitizenSecret set', before: null, after: null },
      expect.objectContaining({ summary: 'Setting review.cpdThreshold changed' }),
    ]);
    adminDesk.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    for (const file of [adminDesk.file, `${adminDesk.file}-wal`].filter((f) => fs.existsSync(f))) {
      const bytes = fs.readFileSync(file);
      expect(bytes.includes(SMS_KEY), file).toBe(false);
      expect(bytes.includes(ECITIZEN), file).toBe(false);
    }

    const report = await sync(adminDesk);
    expect(report).toMatchObject({ sent: 1, applied: 1, rejected: [] });
    expect(adminDesk.sqlite.prepare('SELECT count(*) FROM sync_rejections').pluck().get()).toBe(0);
    // (The service's own administrator may have set the service's key: the test below does.)
    expect(s.server.desk.secrets.has('sms.apiKey') && s.server.desk.setting('sms.apiKey')).not.toBe(SMS_KEY);
    expect(s.server.desk.setting('server.ecitizenSecret')).toBe('');
    expect(s.server.desk.setting('review.cpdThreshold')).toBe('25');
  });

  it('is refused by the service when a desk sends it all the same (as an older version did)', async () => {
    const server = s.server.desk;
    const r = await server.dispatch('setting.set', { key: 'sms.apiKey', value: SMS_KEY }, s.actors.admin, {
      originDeskId: adminDesk.sqlite.prepare('SELECT desk_id FROM sync_state').pluck().get() as string,
    });
    expect(!r.ok && r.error).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/stays on the desk where it is made/) });
    expect(server.secrets.has('sms.apiKey')).toBe(false);
    // The service's own administrator still sets the service's secrets.
    expect((await server.dispatch('setting.set', { key: 'sms.apiKey', value: 'atsk_service' }, s.actors.admin)).ok).toBe(true);
    expect(server.setting('sms.apiKey')).toBe('atsk_service');
  });
});
