import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDesk } from '../../src/main/desk.js';
import { SmsWorker } from '../../src/main/sms/worker.js';
import { startSmsGatewaySimulator, type SmsGatewaySimulator } from '../fixtures/smsGatewaySimulator.js';
import { configureGateway, queueTestSms, smsState } from './support/smsSetup.js';
import { count, makeDesk, type TestDesk } from './support/tempDesk.js';
import { testClock } from './support/testClock.js';

const START = '2026-11-28T06:00:00.000Z';
let t: TestDesk;
let sim: SmsGatewaySimulator;

/** An address on this computer where nothing listens: taken from the system, then let go. */
async function unreachableGateway(): Promise<string> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

async function summary() {
  const r = await t.desk.query('sms.summary', {}, t.actors.officer);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const worker = () => new SmsWorker(t.desk, { random: () => 1, baseDelayMs: 30_000 });
const minutes = (n: number) => n * 60_000;

beforeEach(async () => {
  t = await makeDesk({ clock: testClock(START) });
  sim = await startSmsGatewaySimulator();
});
afterEach(async () => {
  await t.desk.close();
  await sim.close();
});

describe("the SMS gateway's health in sms.summary", () => {
  it('is unknown before any request', async () => {
    expect((await summary()).gateway).toEqual({ state: 'unknown', since: null, reason: null, lastSuccessAt: null });
  });

  it('says the gateway is unreachable since the first failed attempt, with the messages waiting, across a restart; after a success it is healthy again', async () => {
    await configureGateway(t.desk, await unreachableGateway());
    const ids = [queueTestSms(t.desk), queueTestSms(t.desk), queueTestSms(t.desk)];

    expect(await worker().drain()).toMatchObject({ sent: 0, retrying: 1 });
    // The other messages do not each spend an attempt on a gateway that cannot be reached.
    expect(count(t.desk, 'sms_attempts')).toBe(1);
    t.clock.advance(minutes(10));
    await worker().drain();
    expect(count(t.desk, 'sms_attempts')).toBe(2);

    const failing = await summary();
    expect(failing).toMatchObject({ queued: 3, at: new Date(Date.parse(START) + minutes(10)).toISOString() });
    expect(failing.gateway).toEqual({ state: 'unreachable', since: START, reason: 'Could not reach the gateway (ECONNREFUSED)', lastSuccessAt: null });

    // Kept in the database: a desk opened again says the same.
    await t.desk.close();
    t.desk = openDesk(t.dir, { clock: t.clock });
    expect((await summary()).gateway).toMatchObject({ state: 'unreachable', since: START });

    await configureGateway(t.desk, sim.url);
    t.clock.advance(minutes(5));
    expect(await worker().drain()).toMatchObject({ sent: 3 });
    const healthy = await summary();
    expect(healthy).toMatchObject({ queued: 0 });
    expect(healthy.gateway).toEqual({ state: 'ok', since: null, reason: null, lastSuccessAt: t.clock().toISOString() });
    expect(ids.map((id) => smsState(t.desk, id).state)).toEqual(['sent', 'sent', 'sent']);
  });

  it("says the gateway is failing, not unreachable, while it answers with errors, and keeps the first failure's time", async () => {
    await configureGateway(t.desk, sim.url);
    queueTestSms(t.desk);
    sim.script({ kind: 'http', status: 500 }, { kind: 'recipient', statusCode: 502, status: 'RejectedByGateway' });
    await worker().drain();
    t.clock.advance(minutes(1));
    await worker().drain();
    expect(sim.requests).toHaveLength(2);
    expect((await summary()).gateway).toEqual({ state: 'failing', since: START, reason: 'RejectedByGateway (502)', lastSuccessAt: null });
  });

  it('stays healthy when the gateway refuses only a number', async () => {
    await configureGateway(t.desk, sim.url);
    queueTestSms(t.desk);
    queueTestSms(t.desk, '254722000111');
    sim.script({ kind: 'recipient', statusCode: 403, status: 'InvalidPhoneNumber' });
    expect(await worker().drain()).toMatchObject({ sent: 1, failed: 1 });
    expect((await summary()).gateway).toMatchObject({ state: 'ok', since: null, lastSuccessAt: START });
  });

  it('leaves a paused queue (no balance, refused credentials) to say so itself, not as a failing gateway', async () => {
    await configureGateway(t.desk, sim.url);
    queueTestSms(t.desk);
    queueTestSms(t.desk);
    sim.script({ kind: 'ok' }, { kind: 'recipient', statusCode: 405, status: 'InsufficientBalance' });
    expect(await worker().drain()).toMatchObject({ sent: 1, paused: expect.stringMatching(/InsufficientBalance/) });
    const paused = await summary();
    expect(paused.paused).toMatch(/InsufficientBalance/);
    expect(paused.gateway).toEqual({ state: 'ok', since: null, reason: null, lastSuccessAt: START });
  });

  it('sends the messages that waited for the gateway as soon as it works again, not at their next retry', async () => {
    await configureGateway(t.desk, sim.url);
    const first = queueTestSms(t.desk);
    const second = queueTestSms(t.desk);
    sim.script({ kind: 'http', status: 503 }, { kind: 'http', status: 503 });
    await worker().drain(); // both wait: HTTP 5xx is the gateway's fault, each message is tried
    expect([smsState(t.desk, first).state, smsState(t.desk, second).state]).toEqual(['queued', 'queued']);
    expect(await worker().drain()).toMatchObject({ sent: 0 }); // not due yet

    const test = await t.desk.dispatch('sms.sendTest', { phone: '0712 345 678' }, t.actors.admin);
    expect(test.ok && test.value.outcome).toBe('sent');
    expect(await worker().drain()).toMatchObject({ sent: 2 });
    expect((await summary()).gateway.state).toBe('ok');
  });
});

describe('a test SMS from Settings', () => {
  it("goes through the gateway at once, is audited, and is answered with the gateway's message id; it is no applicant's message", async () => {
    await configureGateway(t.desk, sim.url);
    const r = await t.desk.dispatch('sms.sendTest', { phone: '0712 345 678' }, t.actors.admin);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toMatchObject({
      phone: '254712345678',
      outcome: 'sent',
      gatewayMessageId: expect.stringMatching(/^ATXid_sim\d+$/),
      detail: 'Success (101), cost KES 0.8000',
    });
    expect(sim.requests).toHaveLength(1);
    expect(sim.requests[0]!.form).toMatchObject({ username: 'kmlttb', to: '+254712345678', from: 'KMLTTB' });
    expect(sim.requests[0]!.form.message).toBe('KMLTTB Licensing Desk: test SMS from Main desk, sent by Test admin on 28 Nov 2026, 09:00. No reply is needed.');

    const audit = t.desk.sqlite.prepare("SELECT actor_name, entity, entity_id, summary FROM audit_events WHERE action = 'sms.sendTest'").all();
    expect(audit).toEqual([
      { actor_name: 'admin', entity: 'sms_test', entity_id: r.value.id, summary: `Test SMS to 0712 345 678 through ${sim.url} as kmlttb` },
    ]);
    expect(t.desk.sqlite.prepare('SELECT outcome, gateway_message_id FROM sms_tests').all()).toEqual([
      { outcome: 'sent', gateway_message_id: r.value.gatewayMessageId },
    ]);
    expect(count(t.desk, 'sms_messages')).toBe(0);
    const list = await t.desk.query('sms.list', {}, t.actors.admin);
    expect(list.ok && list.value.total).toBe(0);
    expect((await summary()).gateway).toMatchObject({ state: 'ok', lastSuccessAt: START });
  });

  it.each([
    ['a refused number', { kind: 'recipient', statusCode: 403, status: 'InvalidPhoneNumber' } as const, 'InvalidPhoneNumber (403)', 'unknown'],
    [
      'refused credentials',
      { kind: 'http', status: 401 } as const,
      'The gateway refused our credentials (HTTP 401): check the SMS username and API key.',
      'unknown',
    ],
    [
      'no balance',
      { kind: 'recipient', statusCode: 405, status: 'InsufficientBalance' } as const,
      'InsufficientBalance (405): top up the SMS account, then resume the queue',
      'unknown',
    ],
    ['an HTTP error', { kind: 'http', status: 502 } as const, 'Gateway error HTTP 502', 'failing'],
  ])("is answered with the gateway's reason when it fails: %s", async (_case, behaviour, detail, health) => {
    await configureGateway(t.desk, sim.url);
    sim.script(behaviour);
    const r = await t.desk.dispatch('sms.sendTest', { phone: '+254 712 345 678' }, t.actors.admin);
    expect(r.ok && r.value).toMatchObject({ outcome: 'failed', gatewayMessageId: null, detail });
    expect(t.desk.sqlite.prepare('SELECT outcome, detail FROM sms_tests').get()).toEqual({ outcome: 'failed', detail });
    expect((await summary()).gateway.state).toBe(health);
    // A test does not pause the applicants' queue.
    expect((await summary()).paused).toBeNull();
  });

  it('is answered with the reason when the gateway cannot be reached, and the header learns it', async () => {
    const address = await unreachableGateway();
    await configureGateway(t.desk, address);
    const r = await t.desk.dispatch('sms.sendTest', { phone: '0712345678' }, t.actors.admin);
    expect(r.ok && r.value).toMatchObject({ outcome: 'failed', detail: 'Could not reach the gateway (ECONNREFUSED)' });
    expect((await summary()).gateway).toMatchObject({ state: 'unreachable', since: START });
  });

  it('needs a Kenyan mobile number and a configured gateway, and sends nothing otherwise', async () => {
    await configureGateway(t.desk, sim.url);
    const bad = await t.desk.dispatch('sms.sendTest', { phone: '2.54712E+11' }, t.actors.admin);
    expect(bad.ok || bad.error).toMatchObject({
      code: 'invalid_input',
      field: 'phone',
      message: "'2.54712E+11' cannot be sent to: it looks like a spreadsheet number that has lost digits. Type it like 0712 345 678.",
    });
    const landline = await t.desk.dispatch('sms.sendTest', { phone: '020 123 4567' }, t.actors.admin);
    expect(landline.ok || landline.error).toMatchObject({ code: 'invalid_input', field: 'phone' });

    await t.desk.dispatch('setting.set', { key: 'sms.apiKey', value: '' }, t.actors.system);
    const unset = await t.desk.dispatch('sms.sendTest', { phone: '0712 345 678' }, t.actors.admin);
    expect(unset.ok || unset.error).toMatchObject({ code: 'not_configured', message: expect.stringMatching(/^The SMS gateway is not configured/) });

    expect(sim.requests).toHaveLength(0);
    expect(count(t.desk, 'sms_tests')).toBe(0);
    expect(count(t.desk, 'audit_events', "action = 'sms.sendTest'")).toBe(0);
  });

  it("is an administrator's: an officer may not send one", async () => {
    await configureGateway(t.desk, sim.url);
    const r = await t.desk.dispatch('sms.sendTest', { phone: '0712 345 678' }, t.actors.officer);
    expect(r.ok || r.error.code).toBe('forbidden');
    expect(sim.requests).toHaveLength(0);
  });
});
