import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../src/main/core/actor.js';
import { createFirstAdmin, firstRunState } from '../../../src/main/firstRun.js';
import { schemaVersion } from '../../../src/main/db/migrate.js';
import type { Desk } from '../../../src/main/desk.js';
import { signOp } from '../../../src/main/sync/opSignature.js';
import { SYNC_PROTOCOL_VERSION, type OpAnswer, type PushOp } from '../../../src/shared/contract/syncWire.js';
import { count } from '../support/tempDesk.js';
import { actorOn, joinedDesk, joinedDeskAt, seedApplication, startTestServer, sync, type TestServer } from './support.js';

/**
 * The service applies a change only if the user who made it proves it (issue 11): tried as an
 * attacker would, with nothing but what a desk keeps on its disk (its token, its outbox).
 */
let s: TestServer;
let appIds: string[] = [];
const desks: Desk[] = [];

beforeAll(async () => {
  s = await startTestServer((t) => {
    appIds = Array.from({ length: 8 }, (_, i) => seedApplication(t.desk, { ref: `ECZ-TRUST-${i}`, nationalId: `2920000${i}` }));
  });
});
afterAll(async () => {
  for (const d of desks) await d.close();
  await s.server.close();
});

const keep = (d: Desk): Desk => {
  desks.push(d);
  return d;
};
const stateOnServer = (id: string) => s.server.desk.sqlite.prepare('SELECT state FROM applications WHERE id = ?').pluck().get(id);

/** The ops a desk keeps on its disk, waiting to be sent. */
function outbox(d: Desk): PushOp[] {
  return (
    d.sqlite.prepare('SELECT seq, op_id AS opId, name, input, actor_id AS actorId, at, signature FROM outbox ORDER BY seq').all() as (Omit<PushOp, 'input'> & {
      input: string;
    })[]
  ).map((o) => ({ ...o, input: JSON.parse(o.input) as unknown }));
}

/** Sends ops to the service as the desk whose token is on this disk. */
async function pushAs(d: Desk, ops: PushOp[]): Promise<OpAnswer[]> {
  const response = await fetch(`${s.server.url}/v1/sync/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${d.secrets.get('sync.token')}` },
    body: JSON.stringify({ protocol: SYNC_PROTOCOL_VERSION, schemaVersion: schemaVersion(d.sqlite), ops }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { results: OpAnswer[] }).results;
}

describe('a recorded op, altered', () => {
  let d: Desk;
  let recorded: PushOp;

  beforeAll(async () => {
    d = keep(await joinedDesk(s));
    const r = await d.dispatch('application.reject', { applicationId: appIds[0], reason: 'Not on the register' }, actorOn(d, 'officer'));
    expect(r.ok).toBe(true);
    [recorded] = outbox(d) as [PushOp];
    expect(recorded.signature).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect((await sync(d)).applied).toBe(1);
  });

  it('is applied as made, and the service keeps both when it was made and when it arrived', () => {
    expect(stateOnServer(appIds[0]!)).toBe('rejected');
    const row = s.server.desk.sqlite.prepare('SELECT at, received_at AS receivedAt FROM applied_ops WHERE op_id = ?').get(recorded.opId) as {
      at: string;
      receivedAt: string;
    };
    expect(row.at).toBe(recorded.at);
    expect(Date.parse(row.receivedAt)).toBeGreaterThanOrEqual(Date.parse(recorded.at));
  });

  it('sent again as it was, is answered duplicate and changes nothing', async () => {
    expect(await pushAs(d, [recorded])).toEqual([{ opId: recorded.opId, status: 'duplicate' }]);
  });

  it('is refused for another record, another command, another user or no user, and changes nothing', async () => {
    const admin = actorOn(d, 'admin');
    const usersBefore = count(s.server.desk, 'users');
    const forged: PushOp[] = [
      { ...recorded, opId: randomUUID(), input: { ...(recorded.input as object), applicationId: appIds[1] } },
      { ...recorded, opId: randomUUID(), name: 'application.approve', input: { applicationId: appIds[2] } },
      {
        ...recorded,
        opId: randomUUID(),
        name: 'user.create',
        actorId: admin.id,
        input: { username: 'intruder', fullName: 'Intruder', role: 'officer', password: 'intruder-password-1' },
      },
      {
        ...recorded,
        opId: randomUUID(),
        name: 'payments.import',
        actorId: null,
        signature: null,
        input: { fileName: 'statement.csv', dryRun: false, dataBase64: Buffer.from('invoice_number,amount_paid\nX,1\n').toString('base64') },
      },
    ];
    const answers = await pushAs(d, forged);
    expect(answers.map((a) => a.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
    const reasons = answers.map((a) => (a.status === 'rejected' ? a.reason : ''));
    expect(reasons.slice(0, 2)).toEqual([
      expect.stringMatching(/does not carry officer's valid signature/),
      expect.stringMatching(/does not carry officer's valid signature/),
    ]);
    expect(reasons[2]).toMatch(/does not carry admin's valid signature/);
    expect(reasons[3]).toMatch(/names no user/);
    expect([stateOnServer(appIds[1]!), stateOnServer(appIds[2]!)]).toEqual(['submitted', 'submitted']);
    expect(count(s.server.desk, 'users')).toBe(usersBefore);
    expect(count(s.server.desk, 'payments')).toBe(0);
    expect(count(s.server.desk, 'applied_ops', 'op_id IN (?, ?, ?, ?)', ...forged.map((o) => o.opId))).toBe(0);
  });

  it('signed validly but about the desk itself (desk-local), is refused', async () => {
    const officer = actorOn(d, 'officer');
    const op = { opId: randomUUID(), name: 'sync.leave', input: { discardWaiting: true }, actorId: officer.id!, at: new Date().toISOString() };
    const signature = signOp({ ...op, deskId: d.deskId }, officer.signingKey!);
    const [answer] = await pushAs(d, [{ ...op, seq: 1, signature }]);
    expect(answer).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/about a desk itself/) });
  });

  it('signed by its user but sent through another desk, is refused (the signature names the desk)', async () => {
    const other = keep(await joinedDesk(s));
    const fresh = { ...recorded, opId: randomUUID(), input: { applicationId: appIds[3], reason: 'Not on the register' } };
    fresh.signature = signOp({ ...fresh, actorId: fresh.actorId!, deskId: d.deskId }, actorOn(d, 'officer').signingKey!);
    const [answer] = await pushAs(other, [fresh]);
    expect(answer).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/valid signature/) });
    expect(stateOnServer(appIds[3]!)).toBe('submitted');
  });
});

describe('what a desk may push', () => {
  it('on a joined desk, nothing is made without a signed-in user: an import as the system actor is refused there', async () => {
    const d = keep(await joinedDesk(s));
    const statement = [
      'invoice_number,client_invoice_ref,amount_paid,invoice_amount,currency,payment_date,payment_channel,phone_number,status',
      'ECZ-9001,LB0000001,3000.00,3000.00,KES,2026-11-20 09:15:00+03:00,M-PESA,254712000010,settled',
    ].join('\n');
    const r = await d.dispatch('payments.import', { fileName: 's.csv', dryRun: false, dataBase64: Buffer.from(statement).toString('base64') }, SYSTEM_ACTOR);
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/--user/) } });
    expect(count(d, 'outbox') + count(d, 'payments')).toBe(0);
  });

  it('only an administrator of the service joins a desk', async () => {
    await expect(joinedDesk(s, 'officer')).rejects.toThrow(/Only an administrator/);
  });

  it("a centre's desk passes on only its centre's users' changes: not an officer's, nor an administrator's", async () => {
    const centreDesk = keep(await joinedDesk(s, 'admin', 'NRB'));
    const full = keep(await joinedDesk(s));
    for (const username of ['officer', 'admin']) {
      const user = actorOn(full, username);
      const op = { opId: randomUUID(), name: 'application.approve', input: { applicationId: appIds[4] }, actorId: user.id!, at: new Date().toISOString() };
      const signature = signOp({ ...op, deskId: centreDesk.deskId }, user.signingKey!);
      const [answer] = await pushAs(centreDesk, [{ ...op, seq: 1, signature }]);
      expect(answer).toMatchObject({ status: 'rejected', reason: `${username} does not work at the centre this desk serves.` });
    }
    expect(stateOnServer(appIds[4]!)).toBe('submitted');
  });

  it("a centre's desk, which holds no administrator, never offers a first run that would make one", async () => {
    const centreDesk = keep(await joinedDesk(s, 'admin', 'MSA'));
    expect(count(centreDesk, 'users', "role = 'admin'")).toBe(0);
    expect(firstRunState(centreDesk)).toMatchObject({ needsAdmin: false });
    await expect(createFirstAdmin(centreDesk, { username: 'intruder', fullName: 'In Truder', password: 'intruder-password-1' })).rejects.toMatchObject({
      code: 'forbidden',
    });
    expect(count(centreDesk, 'users', "username = 'intruder'")).toBe(0);
  });

  it('an op dated ahead of the service beyond the clock skew is refused; the desk is told to check its clock', async () => {
    const ahead = keep(await joinedDeskAt(s.server.url, 'admin', { clock: () => new Date(Date.now() + 60 * 60_000) }));
    expect((await ahead.dispatch('application.approve', { applicationId: appIds[5] }, actorOn(ahead, 'officer'))).ok).toBe(true);
    const report = await sync(ahead);
    expect(report.rejected).toEqual([expect.objectContaining({ reason: expect.stringMatching(/ahead of the central service's clock/) })]);
    expect(stateOnServer(appIds[5]!)).toBe('submitted');
  });

  it("after an administrator resets a user's password on the service, ops signed with the old key are refused", async () => {
    // A service of its own: the officer's new key would fail the other tests, which sign as the officer.
    let appId = '';
    const own = await startTestServer((t) => {
      appId = seedApplication(t.desk, { ref: 'ECZ-TRUST-RESET', nationalId: '29200099' });
    });
    try {
      const d = keep(await joinedDesk(own));
      const officerBefore = actorOn(d, 'officer');
      const reset = await own.server.desk.dispatch('user.setPassword', { id: own.actors.officer.id, password: 'a-brand-new-password' }, own.actors.admin);
      expect(reset.ok).toBe(true);
      expect((await d.dispatch('application.approve', { applicationId: appId }, officerBefore)).ok).toBe(true);
      const report = await sync(d);
      expect(report.rejected).toEqual([expect.objectContaining({ reason: expect.stringMatching(/key since replaced/) })]);
      expect(own.server.desk.sqlite.prepare('SELECT state FROM applications WHERE id = ?').pluck().get(appId)).toBe('submitted');
    } finally {
      await own.server.close();
    }
  });
});
