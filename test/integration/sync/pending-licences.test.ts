import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../src/main/core/actor.js';
import type { Desk } from '../../../src/main/desk.js';
import { QR_OPTIONS } from '../../../src/main/licences/pdf/certificates.js';
import { checkPayload } from '../../../src/main/licences/signing.js';
import { verifyAddress } from '../../../src/shared/licenceVerifyAddress.js';
import { pdfText } from '../../support/pdfText.js';
import { pngImageData } from '../../support/pngImageData.js';
import { paidApplication } from '../support/paid.js';
import { testClock } from '../support/testClock.js';
import { actorOn, joinedDeskAt, startTestServer, sync, type TestServer } from './support.js';

/**
 * A licence issued on a desk that syncs carries `PENDING-…` and a negative sequence until the
 * central service, applying the same op, numbers it in its own gapless sequence and signs it;
 * the desk takes the number and the signature with its next pull.
 */

/**
 * One service and two desks joined as admin (joining pays for a password check each). Each test
 * makes its own paid applications on the service, in licence years no other test uses, so the
 * numbers it expects do not depend on which test ran first.
 */
let s: TestServer;
let service: Desk;
let deskA: Desk;
let deskB: Desk;
beforeAll(async () => {
  // One fixed clock for the service and both desks: nothing here depends on today's date.
  const clock = testClock();
  s = await startTestServer(
    async (t) => {
      for (const licenceYear of [2027, 2028, 2029, 2030])
        for (const cadre of ['technologist', 'technician'] as const) {
          const r = await t.desk.dispatch('fee.set', { cadre, licenceYear, amountCents: 300_000 }, SYSTEM_ACTOR);
          if (!r.ok) throw new Error(r.error.message);
        }
    },
    { clock },
  );
  service = s.server.desk;
  deskA = await joinedDeskAt(s.server.url, 'admin', { clock, deskName: 'desk A' });
  deskB = await joinedDeskAt(s.server.url, 'admin', { clock, deskName: 'desk B' });
});
afterAll(async () => {
  await deskA?.close();
  await deskB?.close();
  await s?.server.close();
});

/** `count` paid applications of `licenceYear` made on the service, pulled by both desks. */
async function paidOnService(licenceYear: number, count: number, centreId?: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push(await paidApplication(service, s.actors.officer, { licenceYear, centreId }));
  await sync(deskA);
  await sync(deskB);
  return ids;
}

interface LicenceRow {
  id: string;
  application_id: string;
  licence_no: string;
  licence_year: number;
  sequence: number;
  qr_payload: string;
}

/** The licences of these applications, by year and number. */
const licences = (desk: Desk, applicationIds: string[]): LicenceRow[] =>
  desk.sqlite
    .prepare(
      'SELECT id, application_id, licence_no, licence_year, sequence, qr_payload FROM licences WHERE application_id IN (SELECT value FROM json_each(?)) ORDER BY licence_year, sequence',
    )
    .all(JSON.stringify(applicationIds)) as LicenceRow[];
const licenceOf = (desk: Desk, applicationId: string) => licences(desk, [applicationId])[0];

async function issue(desk: Desk, applicationIds: string[]): Promise<{ licenceId: string; licenceNo: string }[]> {
  const r = await desk.dispatch('licence.issue', { applicationIds }, actorOn(desk, 'officer'));
  if (!r.ok) throw new Error(r.error.message);
  return r.value.issued;
}

const servicePublicKeys = () => service.sqlite.prepare('SELECT public_key FROM licence_keys').pluck().all() as string[];

describe('a licence issued on a desk that syncs', () => {
  it('is PENDING until the service numbers it: gapless per year in the order the service applies the issues, its own included', async () => {
    const [p1, p2, p3, p4] = (await paidOnService(2027, 4)) as [string, string, string, string];
    const [q1] = (await paidOnService(2028, 1)) as [string];
    const all = [p1, p2, p3, p4, q1];

    // Desk A issues three in one command (two years), desk B one; neither numbers nor signs.
    const onA = await issue(deskA, [p1, p2, q1]);
    const onB = await issue(deskB, [p3]);
    for (const [desk, issued] of [
      [deskA, onA],
      [deskB, onB],
    ] as const) {
      for (const { licenceId, licenceNo } of issued) {
        expect(licenceNo).toBe(`PENDING-${licenceId.replace(/-/g, '').slice(-12).toUpperCase()}`);
        expect(desk.sqlite.prepare('SELECT sequence < 0 AS negative, qr_payload FROM licences WHERE id = ?').get(licenceId)).toEqual({
          negative: 1,
          qr_payload: '',
        });
      }
    }
    const statusA = await deskA.query('sync.status', {}, actorOn(deskA, 'admin'));
    expect(statusA.ok && statusA.value).toMatchObject({ opsWaiting: 1, licencesPending: 3 });
    // The service issues one of its own meanwhile: it takes the first number.
    const own = await issue(service, [p4]);
    expect(own[0]!.licenceNo).toBe('KMLTTB/2027/000001');

    // B reaches the service first, then A: the numbers follow that order, and the years count apart.
    expect(await sync(deskB)).toMatchObject({ sent: 1, applied: 1, rejected: [] });
    expect(await sync(deskA)).toMatchObject({ sent: 1, applied: 1, rejected: [] });
    await sync(deskB);
    const expected = [
      { application_id: p4, licence_no: 'KMLTTB/2027/000001', sequence: 1 },
      { application_id: p3, licence_no: 'KMLTTB/2027/000002', sequence: 2 },
      { application_id: p1, licence_no: 'KMLTTB/2027/000003', sequence: 3 },
      { application_id: p2, licence_no: 'KMLTTB/2027/000004', sequence: 4 },
      { application_id: q1, licence_no: 'KMLTTB/2028/000001', sequence: 1 },
    ];
    expect(licences(service, all)).toMatchObject(expected);
    // Each desk holds the service's rows under the ids it issued them with: numbered in place, no copy left PENDING.
    for (const desk of [deskA, deskB]) {
      expect(licences(desk, all)).toEqual(licences(service, all));
      const status = await desk.query('sync.status', {}, actorOn(desk, 'admin'));
      expect(status.ok && status.value).toMatchObject({ opsWaiting: 0, licencesPending: 0 });
    }
    expect(onA.map((l) => l.licenceId)).toEqual([p1, p2, q1].map((app) => licenceOf(service, app)!.id));
    expect(licenceOf(deskB, p3)!.id).toBe(onB[0]!.licenceId);
    expect(service.sqlite.prepare('SELECT count(*) FROM licences WHERE licence_no LIKE ?').pluck().get('PENDING-%')).toBe(0);
  });

  it("carries the service's signature once numbered: the desk, the service's verify page and the printed QR code all say valid", async () => {
    const desk = deskA;
    const [app] = (await paidOnService(2026, 1)) as [string];
    const [{ licenceId, licenceNo: pendingNo }] = (await issue(desk, [app])) as [{ licenceId: string; licenceNo: string }];
    const officer = actorOn(desk, 'officer');

    // Not printable while it has no number: nothing on paper that the service would number otherwise.
    expect(await desk.query('licence.certificatesPdf', { licenceIds: [licenceId] }, officer)).toEqual({
      ok: false,
      error: { code: 'invalid_transition', message: `Licence ${pendingNo} has no number yet: the central service gives it at the next sync.` },
    });

    await sync(desk);
    const keys = servicePublicKeys();
    expect(keys).toHaveLength(1);
    expect(desk.sqlite.prepare('SELECT public_key FROM licence_keys').pluck().all()).toEqual(keys);
    const numbered = licenceOf(desk, app)!;
    expect(numbered).toMatchObject({ id: licenceId, licence_no: 'KMLTTB/2026/000001', qr_payload: licenceOf(service, app)!.qr_payload });
    const holder = desk.sqlite
      .prepare(
        "SELECT national_id, upper(first_name || ' ' || last_name) AS name FROM practitioners p JOIN applications a ON a.practitioner_id = p.id WHERE a.id = ?",
      )
      .get(app) as { national_id: string; name: string };
    expect(checkPayload(numbered.qr_payload, keys)).toEqual({
      ok: true,
      claims: { licenceNo: 'KMLTTB/2026/000001', licenceYear: 2026, nationalId: holder.national_id, holderName: holder.name },
    });

    const onDesk = await desk.query('licence.verify', { payload: numbered.qr_payload }, officer);
    expect(onDesk.ok && onDesk.value).toMatchObject({ status: 'valid', licenceNo: 'KMLTTB/2026/000001', knownHere: true });
    const page = await fetch(verifyAddress(s.server.url, numbered.qr_payload));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Valid licence');
    expect(html).toContain('KMLTTB/2026/000001');

    // Printed now: the number on the page, and the QR code holding the service's signed payload.
    const pdf = await desk.query('licence.certificatesPdf', { licenceIds: [licenceId] }, officer);
    if (!pdf.ok) throw new Error(pdf.error.message);
    const bytes = Buffer.from(pdf.value.dataBase64, 'base64');
    const [text] = await pdfText(bytes);
    expect(text).toContain('KMLTTB/2026/000001');
    expect(text).not.toContain(pendingNo);
    expect(bytes.includes(pngImageData(await QRCode.toBuffer(numbered.qr_payload, QR_OPTIONS)))).toBe(true);
  });

  it('is not dispatched before it has a number: the manifest would list PENDING-…; once numbered it travels', async () => {
    // Mombasa, where no other test sends licences, so the batch holds this test's alone.
    const mombasa = service.sqlite.prepare("SELECT id FROM centres WHERE code = 'MSA'").pluck().get() as string;
    const [app] = (await paidOnService(2030, 1, mombasa)) as [string];
    const [{ licenceId, licenceNo: pendingNo }] = (await issue(deskA, [app])) as [{ licenceId: string; licenceNo: string }];
    const officer = actorOn(deskA, 'officer');
    // What the Dispatch screen lists as ready, and what it says waits for a number.
    const issuedIds = async (numbered: boolean) => {
      const listed = await deskA.query('licences.list', { state: 'issued', centreId: mombasa, numbered }, officer);
      return listed.ok ? listed.value.rows.map((r) => r.id) : listed.error;
    };
    expect(await issuedIds(true)).toEqual([]);
    expect(await issuedIds(false)).toEqual([licenceId]);

    expect(await deskA.dispatch('batch.create', { centreId: mombasa, licenceIds: [licenceId] }, officer)).toEqual({
      ok: false,
      error: { code: 'invalid_transition', message: `Licence ${pendingNo} has no number yet: the central service gives it at the next sync.` },
    });
    expect(await deskA.dispatch('batch.create', { centreId: mombasa }, officer)).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: "There are no numbered licences for RBTC Mombasa to dispatch: 1 wait for the central service's number at the next sync.",
      },
    });

    await sync(deskA);
    expect(await issuedIds(true)).toEqual([licenceId]);
    expect(await issuedIds(false)).toEqual([]);
    const batch = await deskA.dispatch('batch.create', { centreId: mombasa }, officer);
    expect(batch.ok && batch.value).toMatchObject({ licenceCount: 1, state: 'dispatched' });
    expect(licenceOf(deskA, app)).toMatchObject({ id: licenceId, licence_no: 'KMLTTB/2030/000001' });
  });

  it("is dropped when the service refuses the issue (another desk licensed the application first), and the other desk's licence takes its place", async () => {
    const [app] = (await paidOnService(2029, 1)) as [string];
    const [onA] = (await issue(deskA, [app])) as [{ licenceId: string; licenceNo: string }];
    const [onB] = (await issue(deskB, [app])) as [{ licenceId: string; licenceNo: string }];
    expect(onB.licenceId).not.toBe(onA.licenceId);

    expect(await sync(deskA)).toMatchObject({ applied: 1, rejected: [] });
    const refused = await sync(deskB);
    expect(refused.rejected).toEqual([{ opId: expect.any(String), name: 'licence.issue', reason: expect.stringMatching(/is licensed, not paid/) }]);
    for (const desk of [service, deskA, deskB]) {
      expect(licences(desk, [app])).toMatchObject([{ id: onA.licenceId, licence_no: 'KMLTTB/2029/000001', sequence: 1 }]);
    }
    expect(deskB.sqlite.prepare('SELECT count(*) FROM licences WHERE id = ?').pluck().get(onB.licenceId)).toBe(0);
    const status = await deskB.query('sync.status', {}, actorOn(deskB, 'admin'));
    expect(status.ok && status.value).toMatchObject({ opsWaiting: 0, licencesPending: 0 });
  });
});
