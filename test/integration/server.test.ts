import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/main/core/actor.js';
import { SYSTEM_ACTOR } from '../../src/main/core/actor.js';
import { LATEST_SCHEMA_VERSION } from '../../src/main/db/migrate.js';
import { SYNC_PROTOCOL_VERSION } from '../../src/shared/contract/syncWire.js';
import { openDesk } from '../../src/main/desk.js';
import { startCentralServer, type CentralServer } from '../../src/server/start.js';
import { queueTestSms } from './support/smsSetup.js';
import { count, makeDesk, tempDir } from './support/tempDesk.js';

const SECRET = 'a-shared-secret-from-ecitizen-0123';

let server: CentralServer;
let officer: Actor;

beforeAll(async () => {
  const t = await makeDesk();
  officer = t.actors.officer;
  const r = await t.desk.dispatch('setting.set', { key: 'server.ecitizenSecret', value: SECRET }, SYSTEM_ACTOR);
  if (!r.ok) throw new Error(r.error.message);
  await t.desk.close();
  server = await startCentralServer({ dataDir: t.dir, port: 0 });
});
afterAll(async () => {
  await server?.close();
});

const sign = (body: string, secret = SECRET) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

async function post(path: string, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(server.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await res.text();
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* left null: the test says what it expected */
  }
  return { status: res.status, body: json };
}
/** A request signed as eCitizen signs it: the HMAC of the exact bytes sent. */
const signed = (path: string, value: unknown) => {
  const body = JSON.stringify(value);
  return post(path, body, { 'x-signature': sign(body) });
};

let n = 0;
function application(overrides: Record<string, unknown> = {}) {
  n++;
  return {
    application_ref: `ECZ-SRV-${String(n).padStart(4, '0')}`,
    submitted_at: '2026-11-20T09:00:00+03:00',
    national_id: 30_000_000 + n,
    registration_no: `T/2020/${n}`,
    first_name: 'Grace',
    middle_name: null,
    last_name: `Kamau${n}`,
    phone: '0712345678',
    email: 'grace@example.co.ke',
    cadre: 'technologist',
    qualification: 'Diploma in Medical Laboratory Sciences',
    county: 'Nairobi',
    employer: 'Kenyatta National Hospital',
    licence_year: 2026,
    cpd_points: 32,
    collection_centre: 'NRB',
    declaration_accepted: true,
    disclosures: '',
    ...overrides,
  };
}

const db = () => server.desk.sqlite;
const changes = () => ({
  applications: count(server.desk, 'applications'),
  payments: count(server.desk, 'payments'),
  audit: count(server.desk, 'audit_events'),
});
const listed = async (search: string) => {
  const r = await server.desk.query('applications.list', { search }, officer);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.rows;
};

describe('the central service: health', () => {
  it('answers GET /v1/health with ok, the database schema version and the sync protocol version', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${server.url}/v1/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', schemaVersion: LATEST_SCHEMA_VERSION, protocol: SYNC_PROTOCOL_VERSION });
  });

  it('answers an address it does not have with 404', async () => {
    expect((await fetch(`${server.url}/v1/nothing-here`)).status).toBe(404);
  });
});

describe('the central service: signatures', () => {
  it('refuses a request without X-Signature, or with a wrong one, with 401 and changes nothing', async () => {
    const before = changes();
    const body = JSON.stringify([application()]);
    const missing = await post('/v1/ecitizen/applications', body);
    expect(missing.status).toBe(401);
    expect(missing.body.message).toMatch(/X-Signature header is missing/);
    const wrongSecret = await post('/v1/ecitizen/applications', body, { 'x-signature': sign(body, 'not-the-secret') });
    expect(wrongSecret.status).toBe(401);
    expect(wrongSecret.body.message).toMatch(/does not match/);
    // Signed, but for other bytes than those sent.
    const otherBody = await post('/v1/ecitizen/payments', body, { 'x-signature': sign(`${body} `) });
    expect(otherBody.status).toBe(401);
    const malformed = await post('/v1/ecitizen/payments', body, { 'x-signature': 'sha1=abc' });
    expect(malformed.status).toBe(401);
    expect(changes()).toEqual(before);
  });

  it('refuses a signed body that is not JSON, or not an object or a list, with 400', async () => {
    const before = changes();
    const notJson = await post('/v1/ecitizen/applications', 'application_ref=1', { 'x-signature': sign('application_ref=1') });
    expect(notJson.status).toBe(400);
    expect(notJson.body.message).toMatch(/not JSON/);
    const text = await post('/v1/ecitizen/payments', '"settled"', { 'x-signature': sign('"settled"'), 'content-type': 'text/plain' });
    expect(text.status).toBe(400);
    expect(text.body.message).toMatch(/one payment notification object or a list/);
    expect(changes()).toEqual(before);
  });

  it('refuses a body over the size limit with 413', async () => {
    const body = JSON.stringify([{ disclosures: 'x'.repeat(6 * 1024 * 1024) }]);
    const r = await post('/v1/ecitizen/applications', body, { 'x-signature': sign(body) });
    expect(r.status).toBe(413);
    expect(r.body.message).toMatch(/larger than 5 MB/);
  });
});

describe('the central service: applications from eCitizen', () => {
  it('accepts a list, reports a bad object by its index, and keeps the good ones', async () => {
    const good = [application(), application({ cpd_points: '12', declaration_accepted: 'yes', phone: 254722000111 })];
    const bad = application({ cadre: 'doctor', licence_year: 'soon' });
    const r = await signed('/v1/ecitizen/applications', [good[0], bad, good[1], 42]);
    expect(r.status).toBe(200);
    expect(r.body.accepted).toBe(2);
    expect(r.body.duplicates).toBe(0);
    expect(r.body.errors).toEqual([
      { index: 1, message: expect.stringMatching(/cadre: 'doctor' must be technologist or technician.*licence_year/) },
      { index: 3, message: expect.stringMatching(/not a JSON object/) },
    ]);
    for (const a of good) {
      const rows = await listed(a.application_ref);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ applicationRef: a.application_ref, state: 'submitted', nationalId: String(a.national_id) });
    }
    expect(await listed(bad.application_ref)).toHaveLength(0);
    const trail = db()
      .prepare("SELECT actor_name AS actor, summary FROM audit_events WHERE action = 'applications.receive' AND entity_id = ?")
      .all((await listed(good[0]!.application_ref))[0]!.id);
    expect(trail).toEqual([{ actor: 'system', summary: `Application ${good[0]!.application_ref} received from eCitizen` }]);
  });

  it('answers the same request sent twice with duplicates and stores nothing twice', async () => {
    const list = [application(), application()];
    const first = await signed('/v1/ecitizen/applications', list);
    expect(first.body).toEqual({ accepted: 2, duplicates: 0, errors: [] });
    const before = changes();
    const again = await signed('/v1/ecitizen/applications', list);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ accepted: 0, duplicates: 2, errors: [] });
    expect(changes()).toEqual(before);
    expect(count(server.desk, 'applications', 'application_ref = ?', list[0]!.application_ref)).toBe(1);
  });

  it('stores the same reference repeated within one list once, and takes a single object too', async () => {
    const a = application();
    const r = await signed('/v1/ecitizen/applications', [a, { ...a, cpd_points: String(a.cpd_points) }]);
    expect(r.body).toEqual({ accepted: 1, duplicates: 1, errors: [] });
    expect(count(server.desk, 'applications', 'application_ref = ?', a.application_ref)).toBe(1);
    // Keys are matched as file headers are: `applicationRef` is `application_ref`.
    const { application_ref: ref, ...rest } = application();
    const single = await signed('/v1/ecitizen/applications', { applicationRef: ref, ...rest });
    expect(single.body).toEqual({ accepted: 1, duplicates: 0, errors: [] });
    expect(await listed(ref)).toHaveLength(1);
  });

  it('refuses other details under a reference already stored and not returned, by index', async () => {
    const a = application();
    await signed('/v1/ecitizen/applications', a);
    const r = await signed('/v1/ecitizen/applications', [{ ...a, cpd_points: 5 }]);
    expect(r.body).toEqual({ accepted: 0, duplicates: 0, errors: [{ index: 0, message: expect.stringMatching(/already imported with other details/) }] });
  });

  it('says which keys are missing', async () => {
    const { first_name: _dropped, ...rest } = application();
    const r = await signed('/v1/ecitizen/applications', [rest]);
    expect(r.body.errors).toEqual([{ index: 0, message: 'first_name: is missing' }]);
  });
});

describe('the central service: payment notifications from eCitizen', () => {
  async function approvedApplication() {
    const a = application();
    expect((await signed('/v1/ecitizen/applications', a)).body.accepted).toBe(1);
    const id = (await listed(a.application_ref))[0]!.id;
    const approved = await server.desk.dispatch('application.approve', { applicationId: id }, officer);
    if (!approved.ok) throw new Error(approved.error.message);
    return { id, billRef: approved.value.billRef!, amountKes: approved.value.amountDueCents! / 100 };
  }
  const notification = (billRef: string, amountKes: number, invoiceNumber: string, status = 'settled') => ({
    invoice_number: invoiceNumber,
    client_invoice_ref: billRef,
    amount_paid: amountKes.toLocaleString('en-KE', { minimumFractionDigits: 2 }),
    invoice_amount: amountKes,
    currency: 'KES',
    payment_date: '2026-11-27 10:00:00+03:00',
    payment_channel: 'MPESA',
    phone_number: '0712345678',
    status,
  });

  it('stores a notification for an approved application once, even sent twice, and settles its invoice', async () => {
    const app = await approvedApplication();
    const paidSms = () => count(server.desk, 'sms_messages', "application_id = ? AND event = 'paid'", app.id);
    const note = notification(app.billRef, app.amountKes, 'ECZPAY-0001');
    const first = await signed('/v1/ecitizen/payments', [note, note]);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ accepted: 1, duplicates: 1, errors: [] });
    // Sent again as a new request (other bytes), the transaction is recognised by its id.
    const again = await signed('/v1/ecitizen/payments', { ...note, payment_channel: 'MPESA ' });
    expect(again.body).toEqual({ accepted: 0, duplicates: 1, errors: [] });
    expect(count(server.desk, 'payments', 'transaction_id = ?', 'ECZPAY-0001')).toBe(1);
    const invoice = db().prepare('SELECT state, amount_paid_cents AS paid FROM invoices WHERE application_id = ?').get(app.id);
    expect(invoice).toEqual({ state: 'paid', paid: app.amountKes * 100 });
    expect(db().prepare('SELECT state FROM applications WHERE id = ?').pluck().get(app.id)).toBe('paid');
    expect(db().prepare("SELECT state, match_rule FROM payments WHERE transaction_id = 'ECZPAY-0001'").get()).toEqual({
      state: 'matched',
      match_rule: 'exact_reference',
    });
    expect(paidSms()).toBe(1);
    // No gateway is configured on this server: the paid SMS waits in the queue.
    expect(db().prepare("SELECT state FROM sms_messages WHERE application_id = ? AND event = 'paid'").pluck().get(app.id)).toBe('queued');
  });

  it('reports a bad notification by its index, counts a not-settled one as received, and stores the good one', async () => {
    const app = await approvedApplication();
    const list = [
      notification(app.billRef, app.amountKes, 'ECZPAY-0002', 'pending'),
      { ...notification(app.billRef, app.amountKes, 'ECZPAY-0003'), amount_paid: 'lots', currency: 'USD' },
      notification(app.billRef, app.amountKes, 'ECZPAY-0004'),
    ];
    const r = await signed('/v1/ecitizen/payments', list);
    expect(r.body.accepted).toBe(2);
    expect(r.body.errors).toEqual([{ index: 1, message: expect.stringMatching(/amount_paid: .*currency: 'USD' is not KES/) }]);
    expect(count(server.desk, 'payments', "transaction_id IN ('ECZPAY-0002', 'ECZPAY-0003')")).toBe(0);
    expect(count(server.desk, 'audit_events', "action = 'payments.receive' AND summary LIKE '%ECZPAY-0002 not counted%'")).toBe(1);
    expect(db().prepare('SELECT state FROM applications WHERE id = ?').pluck().get(app.id)).toBe('paid');
    // The request sent again (its answer lost): every op is recognised by its id, the bad one is still bad.
    const audit = count(server.desk, 'audit_events');
    const again = await signed('/v1/ecitizen/payments', list);
    expect(again.body).toEqual({ accepted: 0, duplicates: 2, errors: [{ index: 1, message: r.body.errors[0].message }] });
    expect(count(server.desk, 'audit_events')).toBe(audit);
  });
});

describe('the central service: SMS delivery reports', () => {
  const token = () => server.desk.setting('server.deliveryReportToken');
  function sentSms(gatewayMessageId: string): string {
    const id = queueTestSms(server.desk);
    db().prepare("UPDATE sms_messages SET state = 'sent', gateway_message_id = ? WHERE id = ?").run(gatewayMessageId, id);
    return id;
  }
  const report = (pathToken: string, fields: Record<string, string>) =>
    fetch(`${server.url}/v1/sms/delivery-reports/${pathToken}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
  const smsState = (id: string) => db().prepare('SELECT state FROM sms_messages WHERE id = ?').pluck().get(id);

  it('made a delivery-report token on first start and says where the gateway must call', () => {
    expect(token()).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(server.deliveryReportUrl).toBe(`${server.url}/v1/sms/delivery-reports/${token()}`);
  });

  it('takes a form-encoded report at the right token and marks the SMS delivered', async () => {
    const id = sentSms('ATXid_srv_1');
    const fields = { id: 'ATXid_srv_1', status: 'Success', phoneNumber: '+254712345678', networkCode: '63902', failureReason: '', retryCount: '0' };
    const res = await report(token(), fields);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: true });
    expect(smsState(id)).toBe('delivered');
    // The gateway sends the same report again: recognised, not recorded twice.
    const audit = count(server.desk, 'audit_events');
    expect((await report(token(), fields)).status).toBe(200);
    expect(count(server.desk, 'audit_events')).toBe(audit);
  });

  it('answers a wrong token with 404 and changes nothing', async () => {
    const id = sentSms('ATXid_srv_2');
    const before = changes();
    const res = await report(`${token()}x`, { id: 'ATXid_srv_2', status: 'Failed', failureReason: 'UserInBlacklist' });
    expect(res.status).toBe(404);
    expect((await report('', { id: 'ATXid_srv_2', status: 'Failed' })).status).toBe(404);
    expect(smsState(id)).toBe('sent');
    expect(changes()).toEqual(before);
  });

  it('answers a report without the fields it needs with 400', async () => {
    const res = await report(token(), { phoneNumber: '+254712345678' });
    expect(res.status).toBe(400);
  });
});

describe('the central service without a shared secret', () => {
  let bare: CentralServer;
  beforeAll(async () => {
    bare = await startCentralServer({ dataDir: tempDir(), port: 0, sendSms: false });
  });
  afterAll(async () => {
    await bare?.close();
  });

  it('refuses every eCitizen request with 401, saying the secret is not set', async () => {
    const body = JSON.stringify([application()]);
    const res = await fetch(`${bare.url}/v1/ecitizen/applications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-signature': sign(body, '') },
      body,
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { message: string }).message).toMatch(/shared secret is not set/);
    expect(count(bare.desk, 'applications')).toBe(0);
  });

  it('keeps its delivery-report token across restarts', async () => {
    const first = bare.desk.setting('server.deliveryReportToken');
    const dataDir = bare.desk.dataDir;
    await bare.close();
    bare = await startCentralServer({ dataDir, port: 0, sendSms: false });
    expect(bare.deliveryReportTokenCreated).toBe(false);
    expect(bare.desk.setting('server.deliveryReportToken')).toBe(first);
  });
});

describe('the central service: sign-in attempts to join a desk, per client address', () => {
  /** A join attempt that fails its body check: counted all the same, and cheap (no password hashing). */
  const attempt = (base: string, headers: Record<string, string> = {}) =>
    fetch(`${base}/v1/sync/join`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });
  async function statuses(base: string, n: number, headers: Record<string, string> = {}): Promise<number[]> {
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push((await attempt(base, headers)).status);
    return out;
  }
  const TEN = Array.from({ length: 10 }, () => 400);

  it('answers the eleventh attempt in a minute with 429 and says why; without server.trustProxy, X-Forwarded-For changes nothing', async () => {
    const s = await startCentralServer({ dataDir: tempDir(), port: 0, sendSms: false });
    try {
      expect(s.trustProxy).toBe(false);
      expect(await statuses(s.url, 10, { 'x-forwarded-for': '203.0.113.7' })).toEqual(TEN);
      const limited = await attempt(s.url, { 'x-forwarded-for': '203.0.113.8' });
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await limited.json()).toEqual({
        statusCode: 429,
        error: 'Too Many Requests',
        message: 'Too many sign-in attempts from this address. Wait a minute and try again.',
      });
      // Only joining is limited: the desks' other calls and health go on.
      expect((await fetch(`${s.url}/v1/health`)).status).toBe(200);
      expect((await fetch(`${s.url}/v1/sync/pull`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(401);
    } finally {
      await s.close();
    }
  });

  it('behind a reverse proxy named in server.trustProxy, counts each client by X-Forwarded-For', async () => {
    const dir = tempDir();
    const desk = openDesk(dir);
    const bad = await desk.dispatch('setting.set', { key: 'server.trustProxy', value: 'the proxy' }, SYSTEM_ACTOR);
    expect(bad.ok || bad.error).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/^server.trustProxy must be empty, true, a number of proxies, or their addresses/),
    });
    expect((await desk.dispatch('setting.set', { key: 'server.trustProxy', value: '127.0.0.1' }, SYSTEM_ACTOR)).ok).toBe(true);
    await desk.close();
    const s = await startCentralServer({ dataDir: dir, port: 0, sendSms: false });
    try {
      expect(s.trustProxy).toEqual(['127.0.0.1']);
      const first = { 'x-forwarded-for': '203.0.113.7' };
      expect(await statuses(s.url, 10, first)).toEqual(TEN);
      expect((await attempt(s.url, first)).status).toBe(429);
      expect(await statuses(s.url, 10, { 'x-forwarded-for': '203.0.113.8' })).toEqual(TEN);
      // The proxy itself (no header) is a client of its own.
      expect((await attempt(s.url)).status).toBe(400);
      expect((await attempt(s.url, first)).status).toBe(429);
    } finally {
      await s.close();
    }
  });
});
