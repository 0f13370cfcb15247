import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { count, makeDesk, seedApplication, type TestDesk } from './support/tempDesk.js';
import { paidApplication } from './support/paid.js';
import { pdfText } from '../support/pdfText.js';

let t: TestDesk;
beforeEach(async () => {
  t = await makeDesk();
});
afterEach(async () => {
  await t.desk.close();
});

const ok = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

/** The fixture builders: each takes the test's desk one step further along a licence's life. */

/** `n` applications paid and licensed at a centre (Nairobi unless given); their licence ids in number order. */
async function issued(n: number, centreId = t.centres.nairobi): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const applicationId = await paidApplication(t.desk, t.actors.officer, { centreId });
    ids.push(ok(await t.desk.dispatch('licence.issue', { applicationIds: [applicationId] }, t.actors.officer)).issued[0]!.licenceId);
  }
  return ids;
}

/** The issued licences of the Nairobi centre dispatched in one batch. */
async function dispatched(): Promise<string> {
  return ok(await t.desk.dispatch('batch.create', { centreId: t.centres.nairobi }, t.actors.officer)).id;
}

/** `n` Nairobi licences at the centre (their batch received by its clerk): the licence ids. */
async function atCentre(n: number): Promise<string[]> {
  const ids = await issued(n);
  ok(await t.desk.dispatch('batch.receive', { batchId: await dispatched() }, t.actors.clerk));
  return ids;
}

const PROXY = { collector: 'proxy', collectorName: 'Otieno Onyango', collectorIdNo: '30111222', note: 'Signed letter from the holder' } as const;

/** One Nairobi licence collected by a proxy. */
async function collected(): Promise<string> {
  const [licenceId] = await atCentre(1);
  ok(await t.desk.dispatch('licence.collect', { licenceId: licenceId!, ...PROXY }, t.actors.clerk));
  return licenceId!;
}

describe('issuing licences', () => {
  it('numbers licences gaplessly per year, also when issued concurrently and when an issue fails half-way', async () => {
    const apps = [];
    for (let i = 0; i < 6; i++) apps.push(await paidApplication(t.desk, t.actors.officer));
    // A bulk issue that fails on its last application leaves no licence and uses no number.
    const submitted = seedApplication(t.desk);
    const failed = await t.desk.dispatch('licence.issue', { applicationIds: [apps[0]!, submitted] }, t.actors.officer);
    expect(!failed.ok && failed.error.message).toMatch(/is submitted, not paid/);
    expect(count(t.desk, 'licences')).toBe(0);

    const results = await Promise.all(apps.map((id) => t.desk.dispatch('licence.issue', { applicationIds: [id] }, t.actors.officer)));
    const numbers = results.map((r) => ok(r).issued[0]!.licenceNo).sort();
    expect(numbers).toEqual([
      'KMLTTB/2026/000001',
      'KMLTTB/2026/000002',
      'KMLTTB/2026/000003',
      'KMLTTB/2026/000004',
      'KMLTTB/2026/000005',
      'KMLTTB/2026/000006',
    ]);
    expect(count(t.desk, 'applications', "state = 'licensed'")).toBe(6);
    const again = await t.desk.dispatch('licence.issue', { applicationIds: [apps[0]!] }, t.actors.officer);
    expect(!again.ok && again.error.message).toMatch(/is licensed, not paid/);
  });

  it('refuses an inactive centre for a new licence', async () => {
    const id = await paidApplication(t.desk, t.actors.officer, { centreId: t.centres.mombasa });
    ok(await t.desk.dispatch('centre.update', { id: t.centres.mombasa, active: false }, t.actors.admin));
    const r = await t.desk.dispatch('licence.issue', { applicationIds: [id] }, t.actors.officer);
    expect(!r.ok && r.error.message).toMatch(/RBTC Mombasa is inactive/);
    ok(await t.desk.dispatch('centre.update', { id: t.centres.mombasa, active: true }, t.actors.admin));
    expect(ok(await t.desk.dispatch('licence.issue', { applicationIds: [id] }, t.actors.officer)).issued).toHaveLength(1);
  });
});

describe('from dispatch to collection', () => {
  it('dispatches a batch to one centre, with a manifest that lists its licences', async () => {
    const licences = await issued(6);
    await issued(1, t.centres.mombasa);
    const batch = ok(await t.desk.dispatch('batch.create', { centreId: t.centres.nairobi }, t.actors.officer));
    expect(batch).toMatchObject({ licenceCount: 6, state: 'dispatched', batchNo: expect.stringMatching(/^NRB-\d{4}-0001$/) });
    const listed = ok(await t.desk.query('licences.list', { batchId: batch.id }, t.actors.officer));
    expect(listed.rows.map((l) => l.id).sort()).toEqual([...licences].sort());
    expect(listed.rows.every((l) => l.state === 'dispatched')).toBe(true);
    const pdf = ok(await t.desk.query('batch.manifestPdf', { batchId: batch.id }, t.actors.officer));
    const [page1] = await pdfText(pdf.dataBase64);
    expect(page1).toContain('Dispatch manifest');
    expect(page1).toContain(batch.batchNo);
    expect(page1).toContain('RBTC Nairobi');
    expect(page1).toContain('KMLTTB/2026/000006');
    expect(page1).not.toContain('KMLTTB/2026/000007');
    expect(page1).toContain(listed.rows[0]!.nationalId);
  });

  it('keeps a Mombasa clerk out of a Nairobi batch and licence: the query and the command both refuse', async () => {
    const [licenceId] = await issued(1);
    await issued(1, t.centres.mombasa);
    const batchId = await dispatched();
    const list = await t.desk.query('licences.list', { centreId: t.centres.nairobi }, t.actors.clerkOther);
    expect(!list.ok && list.error.code).toBe('forbidden');
    const own = ok(await t.desk.query('licences.list', {}, t.actors.clerkOther));
    expect(own.rows).toHaveLength(1);
    expect(own.rows.every((l) => l.centreId === t.centres.mombasa)).toBe(true);
    expect((await t.desk.query('licence.detail', { id: licenceId! }, t.actors.clerkOther)).ok).toBe(false);
    const receive = await t.desk.dispatch('batch.receive', { batchId }, t.actors.clerkOther);
    expect(!receive.ok && receive.error.code).toBe('forbidden');
  });

  it('lets the Nairobi clerk confirm the batch received, which queues the ready-for-collection SMS', async () => {
    await issued(6);
    const batchId = await dispatched();
    const before = count(t.desk, 'sms_messages', "event = 'at_centre'");
    ok(await t.desk.dispatch('batch.receive', { batchId }, t.actors.clerk));
    expect(count(t.desk, 'sms_messages', "event = 'at_centre'")).toBe(before + 6);
    const body = t.desk.sqlite.prepare("SELECT body FROM sms_messages WHERE event = 'at_centre' LIMIT 1").pluck().get() as string;
    expect(body).toMatch(/ready for collection at RBTC Nairobi, Nairobi/);
    const again = await t.desk.dispatch('batch.receive', { batchId }, t.actors.clerk);
    expect(!again.ok && again.error.code).toBe('invalid_transition');
  });

  it('finds a holder by ID number, and records collection by a proxy once', async () => {
    const [licenceId] = (await atCentre(2)) as [string, string];
    const detail = ok(await t.desk.query('licence.detail', { id: licenceId }, t.actors.clerk));
    const found = ok(await t.desk.query('licences.list', { search: detail.nationalId }, t.actors.clerk));
    expect(found.rows.map((r) => r.id)).toEqual([licenceId]);
    const byNumber = ok(await t.desk.query('licences.list', { search: detail.licenceNo }, t.actors.clerk));
    expect(byNumber.rows.map((r) => r.id)).toEqual([licenceId]);

    const { note: _note, ...noNote } = PROXY;
    const withoutNote = await t.desk.dispatch('licence.collect', { licenceId, ...noNote }, t.actors.clerk);
    expect(!withoutNote.ok && withoutNote.error.code).toBe('invalid_input');
    const done = ok(await t.desk.dispatch('licence.collect', { licenceId, ...PROXY }, t.actors.clerk));
    expect(done.state).toBe('collected');
    const twice = await t.desk.dispatch('licence.collect', { licenceId, collector: 'holder' }, t.actors.clerk);
    expect(!twice.ok && twice.error).toMatchObject({ code: 'invalid_transition', message: 'This licence is already collected, so it cannot be collected.' });
    const revoke = await t.desk.dispatch('licence.revoke', { licenceId, reason: 'Too late' }, t.actors.officer);
    expect(!revoke.ok && revoke.error.code).toBe('invalid_transition');
    const seen = ok(await t.desk.query('licence.detail', { id: licenceId }, t.actors.officer));
    expect(seen).toMatchObject({ collectorKind: 'proxy', collectorName: 'Otieno Onyango', collectorIdNo: '30111222', collectedByClerk: 'clerk.nrb' });
  });
});

describe('the QR code', () => {
  it('verifies a valid payload, fails one with a changed character, and reports a revoked licence', async () => {
    const [licenceId] = await atCentre(1);
    const detail = ok(await t.desk.query('licence.detail', { id: licenceId! }, t.actors.officer));
    expect(ok(await t.desk.query('licence.verify', { payload: detail.qrPayload }, t.actors.clerk))).toMatchObject({
      status: 'valid',
      licenceNo: detail.licenceNo,
    });
    const changed = detail.qrPayload.replace(detail.nationalId, detail.nationalId.slice(0, -1) + (detail.nationalId.endsWith('9') ? '8' : '9'));
    expect(ok(await t.desk.query('licence.verify', { payload: changed }, t.actors.clerk)).status).toBe('tampered');
    expect(ok(await t.desk.query('licence.verify', { payload: 'hello' }, t.actors.clerk)).status).toBe('unreadable');
    ok(await t.desk.dispatch('licence.revoke', { licenceId: detail.id, reason: 'Registration removed by the Board' }, t.actors.officer));
    expect(ok(await t.desk.query('licence.verify', { payload: detail.qrPayload }, t.actors.clerk))).toMatchObject({
      status: 'revoked',
      message: expect.stringMatching(/Registration removed/),
    });
  });

  it('prints one certificate page per licence, holding its number and holder', async () => {
    const collectedId = await collected();
    const [issuedId] = await issued(1, t.centres.mombasa);
    const [first, second] = await Promise.all([collectedId, issuedId!].map(async (id) => ok(await t.desk.query('licence.detail', { id }, t.actors.officer))));
    const pdf = ok(await t.desk.query('licence.certificatesPdf', { licenceIds: [first!.id, second!.id] }, t.actors.officer));
    const pages = await pdfText(pdf.dataBase64);
    expect(pages).toHaveLength(2);
    expect(pages[0]).toContain('Personnel Annual Licence');
    expect(pages[0]).toContain(first!.licenceNo);
    expect(pages[1]).toContain(second!.licenceNo);
    expect(pages[1]).toContain(second!.holderName);
  });
});

describe('reassignment', () => {
  it('moves an issued licence to another active centre with a reason, but not once dispatched', async () => {
    const collectedId = await collected();
    const [issuedId] = await issued(1, t.centres.mombasa);
    const moved = ok(
      await t.desk.dispatch('licence.reassign', { licenceId: issuedId!, centreId: t.centres.nairobi, reason: 'Holder moved to Nairobi' }, t.actors.officer),
    );
    expect(moved.centreName).toBe('RBTC Nairobi');
    const r = await t.desk.dispatch('licence.reassign', { licenceId: collectedId, centreId: t.centres.mombasa, reason: 'Nope' }, t.actors.officer);
    expect(!r.ok && r.error.code).toBe('invalid_transition');
  });
});
