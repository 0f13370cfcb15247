import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../src/main/core/actor.js';
import type { Desk } from '../../../src/main/desk.js';
import { count } from '../support/tempDesk.js';
import { actorOn, joinedDesk, seedApplication, snapshot, startTestServer, sync, type TestServer } from './support.js';

const SECRET = 'ecitizen-shared-secret-for-sync-tests';

let s: TestServer;
let d: Desk;
let pending: string;

beforeAll(async () => {
  s = await startTestServer(async (t) => {
    const r = await t.desk.dispatch('setting.set', { key: 'server.ecitizenSecret', value: SECRET }, SYSTEM_ACTOR);
    if (!r.ok) throw new Error(r.error.message);
    pending = seedApplication(t.desk, { ref: 'ECZ-PAY-0001', nationalId: '29300001' });
  });
  d = await joinedDesk(s);
});
afterAll(async () => {
  await d?.close();
  await s.server.close();
});

const sign = (body: string, secret = SECRET) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
async function post(path: string, value: unknown, signature?: string) {
  const body = JSON.stringify(value);
  const res = await fetch(s.server.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-signature': signature ?? sign(body) },
    body,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

let n = 0;
function application(overrides: Record<string, unknown> = {}) {
  n++;
  return {
    application_ref: `ECZ-SYNC-IN-${n}`,
    submitted_at: '2026-11-20T09:00:00+03:00',
    national_id: 31_000_000 + n,
    registration_no: `T/2021/${n}`,
    first_name: 'Akinyi',
    middle_name: null,
    last_name: `Otieno${n}`,
    phone: '0712345678',
    email: 'akinyi@example.co.ke',
    cadre: 'technologist',
    qualification: 'Diploma in Medical Laboratory Sciences',
    county: 'Kisumu',
    employer: 'JOOTRH',
    licence_year: 2026,
    cpd_points: 30,
    collection_centre: 'NRB',
    declaration_accepted: true,
    disclosures: '',
    ...overrides,
  };
}

/** Everything that eCitizen's posts could have changed on the server. */
const serverState = () => ({
  applications: count(s.server.desk, 'applications'),
  payments: count(s.server.desk, 'payments'),
  changes: s.server.desk.sqlite.prepare('SELECT coalesce(max(seq), 0) FROM row_changes').pluck().get(),
});

describe('eCitizen posts to the central service, seen from a desk that syncs', () => {
  it('a request with a bad signature is refused with 401 and changes nothing, on the server or the desk', async () => {
    const before = serverState();
    const bad = await post('/v1/ecitizen/applications', application(), sign('something else'));
    expect(bad.status).toBe(401);
    const wrongKey = await post('/v1/ecitizen/applications', application(), sign(JSON.stringify(application()), 'not-the-secret'));
    expect(wrongKey.status).toBe(401);
    expect(serverState()).toEqual(before);
    const report = await sync(d);
    expect(report.received).toBe(0);
    expect(snapshot(d)).toEqual(snapshot(s.server.desk));
  });

  it("a new application posted to the server reaches an officer's desk in the next round, and the officer can decide it there", async () => {
    const a = application();
    const r = await post('/v1/ecitizen/applications', [a]);
    expect(r).toMatchObject({ status: 200, body: { accepted: 1, duplicates: 0, errors: [] } });
    expect(count(d, 'applications', 'application_ref = ?', a.application_ref)).toBe(0);
    await sync(d);
    const officer = actorOn(d, 'officer');
    const listed = await d.query('applications.list', { search: a.application_ref }, officer);
    if (!listed.ok) throw new Error(listed.error.message);
    expect(listed.value.rows).toEqual([expect.objectContaining({ applicationRef: a.application_ref, state: 'submitted', nationalId: String(a.national_id) })]);
    const id = listed.value.rows[0]!.id;
    expect((await d.dispatch('application.approve', { applicationId: id }, officer)).ok).toBe(true);
    expect(await sync(d)).toMatchObject({ applied: 1, rejected: [] });
    expect(s.server.desk.sqlite.prepare('SELECT state FROM applications WHERE id = ?').pluck().get(id)).toBe('approved');
    expect(snapshot(d)).toEqual(snapshot(s.server.desk));
  });

  it('the same payment notification posted twice makes one payment, and the desk sees the application paid', async () => {
    const officer = actorOn(d, 'officer');
    const approved = await d.dispatch('application.approve', { applicationId: pending }, officer);
    if (!approved.ok) throw new Error(approved.error.message);
    await sync(d);
    const { billRef, amountDueCents } = approved.value;
    const note = {
      invoice_number: 'ECZPAY-SYNC-1',
      client_invoice_ref: billRef,
      amount_paid: amountDueCents! / 100,
      invoice_amount: amountDueCents! / 100,
      currency: 'KES',
      payment_date: '2026-11-27 10:00:00+03:00',
      payment_channel: 'MPESA',
      phone_number: '0712345678',
      status: 'settled',
    };
    expect((await post('/v1/ecitizen/payments', note)).body).toMatchObject({ accepted: 1, duplicates: 0 });
    const before = serverState();
    expect((await post('/v1/ecitizen/payments', note)).body).toMatchObject({ accepted: 0, duplicates: 1 });
    expect((await post('/v1/ecitizen/payments', [{ ...note, payment_channel: 'MPESA ' }])).body).toMatchObject({ accepted: 0, duplicates: 1 });
    expect(serverState()).toEqual(before);
    expect(count(s.server.desk, 'payments', 'transaction_id = ?', 'ECZPAY-SYNC-1')).toBe(1);

    await sync(d);
    expect(count(d, 'payments', 'transaction_id = ?', 'ECZPAY-SYNC-1')).toBe(1);
    expect(d.sqlite.prepare('SELECT state FROM applications WHERE id = ?').pluck().get(pending)).toBe('paid');
    expect(d.sqlite.prepare('SELECT state FROM invoices WHERE application_id = ?').pluck().get(pending)).toBe(
      s.server.desk.sqlite.prepare('SELECT state FROM invoices WHERE application_id = ?').pluck().get(pending),
    );
    expect(snapshot(d)).toEqual(snapshot(s.server.desk));
  });
});
