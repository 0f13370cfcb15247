import { spawn } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changeFeed } from '../../src/main/core/changes.js';
import { openDesk } from '../../src/main/desk.js';
import { SmsWorker } from '../../src/main/sms/worker.js';
import { startSmsGatewaySimulator, type SmsGatewaySimulator } from '../fixtures/smsGatewaySimulator.js';
import { API_KEY, configureGateway, queueTestSms, smsState } from './support/smsSetup.js';
import { count, makeDesk, type TestDesk } from './support/tempDesk.js';
import { testClock } from './support/testClock.js';

let t: TestDesk;
let sim: SmsGatewaySimulator;
const later = (ms: number) => t.clock.advance(ms);

beforeEach(async () => {
  t = await makeDesk({ clock: testClock('2026-11-28T06:00:00Z') });
  sim = await startSmsGatewaySimulator();
  await configureGateway(t.desk, sim.url);
});
afterEach(async () => {
  await t.desk.close();
  await sim.close();
});

const worker = () => new SmsWorker(t.desk, { random: () => 1, baseDelayMs: 30_000 });

describe('the SMS worker against the gateway simulator', () => {
  it('sends one request per message with the form fields and apiKey header of the wire format', async () => {
    const id = queueTestSms(t.desk, '254712345678');
    const report = await worker().drain();
    expect(report.sent).toBe(1);
    expect(sim.requests).toHaveLength(1);
    const [req] = sim.requests;
    expect(req!.path).toBe('/version1/messaging');
    expect(req!.headers.apikey).toBe(API_KEY);
    expect(req!.headers.accept).toBe('application/json');
    expect(req!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(req!.form).toMatchObject({ username: 'kmlttb', to: '+254712345678', from: 'KMLTTB' });
    expect(req!.form.message).toContain('LB2345678');
    expect(smsState(t.desk, id)).toMatchObject({ state: 'sent', attempts: 1, gatewayMessageId: expect.stringMatching(/^ATXid_/), cost: 'KES 0.8000' });
    expect(await worker().drain()).toMatchObject({ sent: 0 });
    expect(sim.requests).toHaveLength(1);
  });

  it('never sends to a number outside the mobile ranges: the message fails with the reason, the gateway is not asked and its health is untouched', async () => {
    const notMobile = queueTestSms(t.desk, '254109294978');
    const mobile = queueTestSms(t.desk, '254110294978');
    const report = await worker().drain();
    expect(report).toMatchObject({ sent: 1, failed: 1 });
    expect(sim.requests.map((r) => r.form.to)).toEqual(['+254110294978']);
    expect(smsState(t.desk, notMobile)).toMatchObject({
      state: 'failed',
      failureReason: "Not sent: 0109 294 978 is not a Kenyan mobile number (its range is not a mobile network's): no SMS can reach it.",
    });
    expect(smsState(t.desk, mobile)).toMatchObject({ state: 'sent' });
    expect(t.desk.sqlite.prepare('SELECT failing_since FROM sms_queue').pluck().get()).toBeNull();
  });

  it('retries HTTP 5xx and retryable recipient statuses with growing delays, then sends', async () => {
    const id = queueTestSms(t.desk);
    sim.script(
      { kind: 'http', status: 500 },
      { kind: 'recipient', statusCode: 501, status: 'GatewayError' },
      { kind: 'recipient', statusCode: 502, status: 'RejectedByGateway' },
    );
    const w = worker();
    const delays: number[] = [];
    for (let i = 0; i < 3; i++) {
      await w.drain();
      const s = smsState(t.desk, id);
      expect(s.state).toBe('queued');
      delays.push(Date.parse(s.nextAttemptAt!) - t.clock().getTime());
      expect(await w.drain()).toMatchObject({ sent: 0 }); // not due yet: nothing sent
      later(delays[i]!);
    }
    expect(delays).toEqual([30_000, 60_000, 120_000]);
    await w.drain();
    expect(smsState(t.desk, id)).toMatchObject({ state: 'sent', attempts: 4 });
    expect(sim.requests).toHaveLength(4);
  });

  it('retries when the gateway cannot be reached, and gives up after the attempt limit', async () => {
    await sim.close();
    const id = queueTestSms(t.desk);
    const w = new SmsWorker(t.desk, { random: () => 1, baseDelayMs: 1000, maxAttempts: 3 });
    for (let i = 0; i < 3; i++) {
      await w.drain();
      later(60_000);
    }
    expect(smsState(t.desk, id)).toMatchObject({
      state: 'failed',
      attempts: 3,
      failureReason: expect.stringMatching(/Gave up after 3 attempts: Could not reach the gateway \(ECONNREFUSED\)/),
    });
    sim = await startSmsGatewaySimulator(); // for afterEach
  });

  it.each([
    [403, 'InvalidPhoneNumber'],
    [406, 'UserInBlacklist'],
    [409, 'DoNotDisturbRejection'],
  ])('does not retry a permanent recipient status %i, and records the reason', async (statusCode, status) => {
    const id = queueTestSms(t.desk);
    sim.script({ kind: 'recipient', statusCode, status });
    await worker().drain();
    later(3_600_000);
    await worker().drain();
    expect(smsState(t.desk, id)).toMatchObject({ state: 'failed', failureReason: `${status} (${statusCode})` });
    expect(sim.requests).toHaveLength(1);
  });

  it('pauses the whole queue on insufficient balance until an admin resumes it', async () => {
    const first = queueTestSms(t.desk);
    const second = queueTestSms(t.desk);
    sim.script({ kind: 'recipient', statusCode: 405, status: 'InsufficientBalance' });
    const report = await worker().drain();
    expect(report.paused).toMatch(/InsufficientBalance/);
    expect(sim.requests).toHaveLength(1);
    expect(smsState(t.desk, first)).toMatchObject({ state: 'queued', attempts: 0 });
    const summary = await t.desk.query('sms.summary', {}, t.actors.admin);
    expect(summary.ok && summary.value.paused).toMatch(/top up/);

    expect(await worker().drain()).toMatchObject({ sent: 0, paused: expect.any(String) });
    expect(sim.requests).toHaveLength(1);

    const resumed = await t.desk.dispatch('sms.resume', {}, t.actors.admin);
    expect(resumed.ok && resumed.value.resumed).toBe(true);
    expect(await worker().drain()).toMatchObject({ sent: 2, paused: null });
    expect([smsState(t.desk, first).state, smsState(t.desk, second).state]).toEqual(['sent', 'sent']);
  });

  it('pauses the queue when the gateway refuses the API key (HTTP 401)', async () => {
    queueTestSms(t.desk);
    sim.script({ kind: 'http', status: 401 });
    expect((await worker().drain()).paused).toMatch(/refused our credentials/);
  });

  it('marks a message uncertain when the gateway took the request but never answered, and does not resend it', async () => {
    await configureGateway(t.desk, sim.url, 1);
    const id = queueTestSms(t.desk);
    sim.script({ kind: 'hang' });
    expect(await worker().drain()).toMatchObject({ uncertain: 1 });
    later(3_600_000);
    await worker().drain();
    expect(smsState(t.desk, id)).toMatchObject({ state: 'uncertain', failureReason: expect.stringMatching(/No answer from the gateway within 1 s/) });
    expect(sim.requests).toHaveLength(1);
  });

  it('marks a message uncertain when the connection is reset after sending', async () => {
    const id = queueTestSms(t.desk);
    sim.script({ kind: 'reset' });
    await worker().drain();
    expect(smsState(t.desk, id).state).toBe('uncertain');
  });

  it('sends an uncertain message again only when a person asks, exactly once', async () => {
    const id = queueTestSms(t.desk);
    sim.script({ kind: 'reset' });
    await worker().drain();
    const again = await t.desk.dispatch('sms.resend', { id, reason: 'Applicant says it never arrived' }, t.actors.officer);
    expect(again.ok).toBe(true);
    await worker().drain();
    expect(smsState(t.desk, id).state).toBe('sent');
    expect(sim.requests).toHaveLength(2);
    const detail = await t.desk.query('sms.detail', { id }, t.actors.officer);
    expect(detail.ok && detail.value.attempts.map((a) => a.outcome)).toEqual(['uncertain', 'sent']);
    expect(count(t.desk, 'audit_events', "action = 'sms.resend'")).toBe(1);
  });

  it('keeps messages queued while no gateway is configured, and says so', async () => {
    await t.desk.dispatch('setting.set', { key: 'sms.apiKey', value: '' }, t.actors.system);
    const id = queueTestSms(t.desk);
    expect(await worker().drain()).toMatchObject({ notConfigured: expect.stringMatching(/not configured: set sms.username and sms.apiKey/), sent: 0 });
    expect(smsState(t.desk, id).state).toBe('queued');
    const summary = await t.desk.query('sms.summary', {}, t.actors.officer);
    expect(summary.ok && summary.value).toMatchObject({ queued: 1, gatewayConfigured: false });
  });

  it('refuses a plain http:// gateway address on another computer, from the settings or the environment, and sends nothing', async () => {
    const refused = await t.desk.dispatch('setting.set', { key: 'sms.baseUrl', value: 'http://api.africastalking.com' }, t.actors.system);
    expect(refused.ok || refused.error).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/^sms.baseUrl uses plain http:\/\/, which is refused except to this computer/),
    });
    expect(t.desk.setting('sms.baseUrl')).toBe(sim.url);

    const id = queueTestSms(t.desk);
    process.env.KMLTTB_SMS_BASE_URL = 'http://api.africastalking.com';
    try {
      expect(await worker().drain()).toMatchObject({
        sent: 0,
        notConfigured:
          "The SMS gateway cannot be used: KMLTTB_SMS_BASE_URL 'http://api.africastalking.com' uses plain http://, which is refused except to this computer (127.0.0.1, ::1, localhost): use https://.",
      });
      const summary = await t.desk.query('sms.summary', {}, t.actors.officer);
      expect(summary.ok && summary.value).toMatchObject({ queued: 1, gatewayConfigured: false });
    } finally {
      delete process.env.KMLTTB_SMS_BASE_URL;
    }
    expect(smsState(t.desk, id)).toMatchObject({ state: 'queued', attempts: 0 });
    expect(sim.requests).toHaveLength(0);
    // The simulator on 127.0.0.1 speaks plain http: this computer, so allowed.
    expect((await worker().drain()).sent).toBe(1);
  });

  it("records delivery reports: delivered, or failed with the network's reason", async () => {
    const a = queueTestSms(t.desk);
    const b = queueTestSms(t.desk);
    await worker().drain();
    const report = (id: string, status: string, failureReason?: string) =>
      t.desk.dispatch('sms.deliveryReport', { id: smsState(t.desk, id).gatewayMessageId!, status, failureReason }, t.actors.system);
    expect((await report(a, 'Success')).ok).toBe(true);
    expect((await report(b, 'Failed', 'AbsentSubscriber')).ok).toBe(true);
    expect(smsState(t.desk, a).state).toBe('delivered');
    expect(smsState(t.desk, b)).toMatchObject({ state: 'failed', failureReason: 'Not delivered: Failed (AbsentSubscriber)' });
    const unknown = await t.desk.dispatch('sms.deliveryReport', { id: 'ATXid_nope', status: 'Success' }, t.actors.system);
    expect(unknown.ok && unknown.value).toEqual({ unknown: true });
  });

  it('wakes by itself after a decision queues a message', async () => {
    const w = new SmsWorker(t.desk, { pollMs: 60_000 });
    w.start();
    try {
      queueTestSms(t.desk);
      t.desk.notifySmsQueued();
      await sim.waitForRequests(1);
    } finally {
      await w.stop();
    }
  });

  it('tells open screens each time a message changes state (sending, then sent), and nothing when there is nothing to send', async () => {
    queueTestSms(t.desk, '254712345678');
    const told: string[][] = [];
    changeFeed(t.desk).subscribe((entities) => told.push([...entities]));
    await worker().drain();
    expect(told).toEqual([['sms'], ['sms']]);
    await worker().drain();
    expect(told).toHaveLength(2);
  });
});

const CHILD_START_DEADLINE_MS = 60_000;

describe('the SMS worker killed between sending and the answer', () => {
  it('never sends the message twice: after restart it is uncertain, for a person to decide', async () => {
    sim.script({ kind: 'hang' });
    const id = queueTestSms(t.desk);
    await t.desk.close();
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/integration/support/smsDrainOnce.ts', t.dir], { stdio: 'inherit' });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    // A real process starting tsx: slow on a busy machine, so its first request has the startup deadline.
    await sim.waitForRequests(1, CHILD_START_DEADLINE_MS);
    child.kill('SIGKILL');
    await exited;

    t.desk = openDesk(t.dir, { clock: () => new Date(Date.now() + 10 * 60_000) });
    await new SmsWorker(t.desk).drain();
    expect(smsState(t.desk, id)).toMatchObject({ state: 'uncertain', failureReason: expect.stringMatching(/interrupted/) });
    expect(sim.requests).toHaveLength(1);
  });
});
