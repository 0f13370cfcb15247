import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QR_OPTIONS } from '../../src/main/licences/pdf/certificates.js';
import { verifyAddress } from '../../src/shared/licenceVerifyAddress.js';
import { pdfText } from '../support/pdfText.js';
import { pngImageData } from '../support/pngImageData.js';
import { paidApplication } from './support/paid.js';
import { makeDesk, type TestDesk } from './support/tempDesk.js';

let t: TestDesk;
beforeAll(async () => {
  t = await makeDesk();
});
afterAll(async () => {
  await t.desk.close();
});

const ok = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

async function issued(firstName: string, lastName: string): Promise<{ id: string; licenceNo: string; qrPayload: string }> {
  const applicationId = await paidApplication(t.desk, t.actors.officer, { firstName, lastName, centreId: t.centres.nairobi });
  const licence = ok(await t.desk.dispatch('licence.issue', { applicationIds: [applicationId] }, t.actors.officer)).issued[0]!;
  const detail = ok(await t.desk.query('licence.detail', { id: licence.licenceId }, t.actors.officer));
  return { id: licence.licenceId, licenceNo: detail.licenceNo, qrPayload: detail.qrPayload };
}

describe('licence certificates', () => {
  it('print Kikuyu and other Kenyan names whole (embedded DejaVu Sans), with the licence number, the Registrar and the Board', async () => {
    const wanjiru = await issued('Wanjirũ', 'Kĩmani');
    const other = await issued('Renée', 'Muñoz');
    const pdf = ok(await t.desk.query('licence.certificatesPdf', { licenceIds: [wanjiru.id, other.id] }, t.actors.officer));
    const bytes = Buffer.from(pdf.dataBase64, 'base64');
    expect(bytes.toString('latin1')).toMatch(/\/FontName \/[A-Z]{6}\+DejaVuSans\b/);
    const pages = await pdfText(bytes);
    expect(pages).toHaveLength(2);
    expect(pages[0]).toContain('Wanjirũ Kĩmani');
    expect(pages[1]).toContain('Renée Muñoz');
    for (const page of pages) {
      expect(page).toContain('Kenya Medical Laboratory Technicians and Technologists Board');
      expect(page).toContain('Personnel Annual Licence');
      expect(page).toContain('LICENCE NUMBER');
      expect(page).toContain('Registrar');
    }
    expect(pages[0]).toContain(wanjiru.licenceNo);
  });

  it("carry the bare signed payload in the QR code until the service's public address is known, then its verify address", async () => {
    const licence = await issued('Njeri', 'Wambũi');
    const qrData = async (text: string) => pngImageData(await QRCode.toBuffer(text, QR_OPTIONS));
    const print = async () =>
      Buffer.from(ok(await t.desk.query('licence.certificatesPdf', { licenceIds: [licence.id] }, t.actors.officer)).dataBase64, 'base64');

    const before = await print();
    expect(before.includes(await qrData(licence.qrPayload))).toBe(true);

    ok(await t.desk.dispatch('setting.set', { key: 'server.publicUrl', value: 'https://licensing.kmlttb.example/' }, t.actors.admin));
    const after = await print();
    const address = verifyAddress('https://licensing.kmlttb.example', licence.qrPayload);
    expect(address).toMatch(/^https:\/\/licensing\.kmlttb\.example\/v1\/verify\/KMLTTB1%7C/);
    expect(after.includes(await qrData(address))).toBe(true);
    expect(after.includes(await qrData(licence.qrPayload))).toBe(false);
  });
});

describe('dispatch manifests', () => {
  it('list Kikuyu names whole, under the Board letterhead, with signature lines for both ends', async () => {
    await issued('Wairimũ', 'Ng’ang’a');
    const batch = ok(await t.desk.dispatch('batch.create', { centreId: t.centres.nairobi }, t.actors.officer));
    const [page] = await pdfText(ok(await t.desk.query('batch.manifestPdf', { batchId: batch.id }, t.actors.officer)).dataBase64);
    expect(page).toContain('Kenya Medical Laboratory Technicians and Technologists Board');
    expect(page).toContain('Dispatch manifest');
    expect(page).toContain('Wairimũ Ng’ang’a');
    expect(page).toContain('Dispatched by');
    expect(page).toContain('Received at the centre by');
  });
});
