import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Desk } from '../../../src/main/desk.js';
import { SmsWorker } from '../../../src/main/sms/worker.js';
import { paidApplication } from '../support/paid.js';
import { configureGateway } from '../support/smsSetup.js';
import { count } from '../support/tempDesk.js';
import { actorOn, joinedDesk, startTestServer, sync, type TestServer } from './support.js';

let s: TestServer;
let paid: string[] = [];
let d: Desk;
beforeAll(async () => {
  s = await startTestServer(async (t) => {
    paid = [];
    for (let i = 0; i < 4; i++) paid.push(await paidApplication(t.desk, t.actors.officer, { nationalId: `2920000${i}` }));
    const issued = await t.desk.dispatch('licence.issue', { applicationIds: [paid[0]] }, t.actors.officer);
    if (!issued.ok) throw new Error(issued.error.message);
  });
  d = await joinedDesk(s);
});
afterAll(async () => {
  await d.close();
  await s.server.close();
});

const licenceOf = (desk: Desk, applicationId: string) =>
  desk.sqlite.prepare('SELECT licence_no AS licenceNo, state, revoke_reason AS reason FROM licences WHERE application_id = ?').get(applicationId) as
    { licenceNo: string; state: string; reason: string | null } | undefined;

describe('a desk leaving the central service', () => {
  it("sends none of the SMS the service was to send, cancels licences still waiting for the service's number, and numbers its own after the highest it holds", async () => {
    const officer = actorOn(d, 'officer');
    const admin = actorOn(d, 'admin');
    expect(licenceOf(d, paid[0]!)?.licenceNo).toBe('KMLTTB/2026/000001');
    // A licence issued here waits for its number; a sync brings it.
    expect((await d.dispatch('licence.issue', { applicationIds: [paid[1]] }, officer)).ok).toBe(true);
    expect(licenceOf(d, paid[1]!)?.licenceNo).toMatch(/^PENDING-/);
    await sync(d);
    expect(licenceOf(d, paid[1]!)?.licenceNo).toBe('KMLTTB/2026/000002');

    // The desk holds the service's messages as queued; the service sends them, and the desk has not heard yet.
    const servicesSms = d.sqlite.prepare("SELECT id FROM sms_messages WHERE state = 'queued'").pluck().all() as string[];
    expect(servicesSms.length).toBeGreaterThan(0);
    s.server.desk.sqlite.prepare("UPDATE sms_messages SET state = 'sent', sent_at = ? WHERE state = 'queued'").run(new Date().toISOString());

    // Another one has not reached the service: leaving is refused until the admin says to cancel it.
    expect((await d.dispatch('licence.issue', { applicationIds: [paid[2]] }, officer)).ok).toBe(true);
    const pendingNo = licenceOf(d, paid[2]!)!.licenceNo;
    expect(pendingNo).toMatch(/^PENDING-/);
    const status = await d.query('sync.status', {}, admin);
    expect(status.ok && status.value).toMatchObject({ opsWaiting: 1, licencesPending: 1 });
    const refused = await d.dispatch('sync.leave', {}, admin);
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'conflict',
        message:
          '1 change has not reached the central service yet, and 1 licence is still waiting for its number from it. Sync first, or leave anyway and lose the changes and cancel the licences.',
      },
    });
    expect(d.syncEnabled()).toBe(true);

    expect(await d.dispatch('sync.leave', { discardWaiting: true }, admin)).toEqual({ ok: true, value: { left: true } });
    expect(d.syncEnabled()).toBe(false);
    // Cancelled with its reason, never given a local number.
    expect(licenceOf(d, paid[2]!)).toEqual({
      licenceNo: pendingNo,
      state: 'revoked',
      reason: expect.stringMatching(/^Cancelled: this desk left the central service before the service numbered this licence/),
    });
    expect(count(d, 'licence_history', "licence_id = (SELECT id FROM licences WHERE application_id = ?) AND action = 'revoke'", paid[2])).toBe(1);
    expect(licenceOf(d, paid[1]!)).toMatchObject({ licenceNo: 'KMLTTB/2026/000002', state: 'issued' });

    // The service's messages are left to a person, and the desk's own worker sends none of them.
    expect(count(d, 'sms_messages', "state IN ('queued', 'sending')")).toBe(0);
    for (const id of servicesSms) {
      expect(d.sqlite.prepare('SELECT state, failure_reason AS reason FROM sms_messages WHERE id = ?').get(id)).toEqual({
        state: 'uncertain',
        reason: expect.stringMatching(/^This desk left the central service before hearing whether the service sent this message/),
      });
    }
    await configureGateway(d, 'https://gateway.test');
    const send = vi.fn(async () => ({ kind: 'sent' as const, messageId: 'ATXid_1', cost: 'KES 0.8000', status: 'Success', statusCode: 101 }));
    expect(await new SmsWorker(d, { send }).drain()).toMatchObject({ sent: 0, notConfigured: null, paused: null });
    expect(send).not.toHaveBeenCalled();

    // Alone, the desk numbers its next licence after the service's numbers it holds, not from 1 again
    // (given the Board's signing key, as the message refusing without it says).
    d.secrets.set('licence.signingKey', s.server.desk.secrets.get('licence.signingKey')!);
    const own = await d.dispatch('licence.issue', { applicationIds: [paid[3]] }, officer);
    if (!own.ok) throw new Error(JSON.stringify(own.error));
    expect(own.value.issued[0]!.licenceNo).toBe('KMLTTB/2026/000003');

    const audit = d.sqlite.prepare("SELECT summary FROM audit_events WHERE action = 'sync.leave'").pluck().get() as string;
    expect(audit).toMatch(
      /^Left the central service http:\/\/127\.0\.0\.1:\d+, discarding 1 unsent change, cancelling 1 licence the service had not numbered, \d+ queued SMS left for a person to check$/,
    );
  });
});
