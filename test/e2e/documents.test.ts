import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAddress } from '../../src/shared/licenceVerifyAddress.js';
import { paidApplication } from '../integration/support/paid.js';
import { makeDesk, PASSWORD } from '../integration/support/tempDesk.js';
import { pdfText } from '../support/pdfText.js';
import { errorsOf, launchBrowser, signIn, type TestBrowser } from './support/browser.js';
import { ensureRendererBuilt } from './support/build.js';
import { startCentral, startWeb } from './support/desk.js';
import { announced, goTo, rowsOf } from './support/licences.js';
import { waitFor } from './support/ui.js';

/** A desk with a licence for Wanjirũ Kĩmani and a revoked one, made through the real commands. */
let dir: string;
const licences = { valid: { no: '', payload: '' }, revoked: { no: '', payload: '' } };
let browser: TestBrowser;

beforeAll(async () => {
  ensureRendererBuilt();
  const t = await makeDesk();
  dir = t.dir;
  for (const [which, firstName, nationalId] of [
    ['valid', 'Wanjirũ', '31234567'],
    ['revoked', 'Kamau', '31234568'],
  ] as const) {
    const applicationId = await paidApplication(t.desk, t.actors.officer, { firstName, lastName: 'Kĩmani', nationalId, centreId: t.centres.nairobi });
    const issued = await t.desk.dispatch('licence.issue', { applicationIds: [applicationId] }, t.actors.officer);
    if (!issued.ok) throw new Error(issued.error.message);
    const { licenceId, licenceNo } = issued.value.issued[0]!;
    const detail = await t.desk.query('licence.detail', { id: licenceId }, t.actors.officer);
    if (!detail.ok) throw new Error(detail.error.message);
    licences[which] = { no: licenceNo, payload: detail.value.qrPayload };
    if (which === 'revoked') await t.desk.dispatch('licence.revoke', { licenceId, reason: 'Registration removed for misconduct' }, t.actors.officer);
  }
  await t.desk.close();
  browser = await launchBrowser();
  // Print is the browser's dialog, which a headless test cannot press: every frame's print() is recorded instead.
  // The PDF a frame shows is kept as its Blob, which the test reads back (the page's CSP refuses fetching blob: addresses).
  await browser.context.addInitScript(() => {
    const createObjectURL = URL.createObjectURL.bind(URL);
    URL.createObjectURL = (blob: Blob | MediaSource) => {
      (window as unknown as { lastBlob?: Blob | MediaSource }).lastBlob = blob;
      return createObjectURL(blob);
    };
    window.print = () => {
      const top = window.top as unknown as { printed?: string[] };
      (top.printed ??= []).push(location.href);
    };
  });
}, 180_000);
afterAll(async () => {
  await browser?.close();
});

describe('documents a Board prints', () => {
  it("in browser mode, Print opens the browser's print dialog on the certificate, and the PDF reads back a Kikuyu name whole", async () => {
    const web = await startWeb(dir);
    try {
      const page = await signIn(browser.context, web.url, 'officer', { password: PASSWORD });
      await goTo(page, 'Licences');
      await page.getByLabel('Search licences').fill(licences.valid.no);
      const grid = page.getByRole('table', { name: 'Licences', exact: true });
      await waitFor(
        () => rowsOf(grid),
        (r) => r.length === 1 && r[0]!.join(' ').includes('Wanjirũ Kĩmani'),
        'the licence in the grid',
      );
      await grid.getByRole('button', { name: licences.valid.no }).click();
      const panel = page.getByRole('complementary', { name: 'Licence details' });

      await panel.getByRole('button', { name: 'Print certificate' }).click();
      await announced(page, /sent to the print dialog/, 'the print dialog');
      const printed = await waitFor(
        () => page.evaluate(() => (window as unknown as { printed?: string[] }).printed ?? []),
        (p) => p.length === 1,
        'print() on the PDF frame',
      );
      const frameSrc = await page.locator('iframe[data-print-frame]').getAttribute('src');
      expect(frameSrc).toMatch(/^blob:/);
      expect(printed[0]).not.toBe(page.url());
      const framed = await page.evaluate(async () => {
        const bytes = new Uint8Array(await (window as unknown as { lastBlob: Blob }).lastBlob.arrayBuffer());
        return Array.from(bytes, (b) => String.fromCharCode(b)).join('');
      });
      const printedText = (await pdfText(Buffer.from(framed, 'latin1'))).join('\n');
      expect(printedText).toContain('Wanjirũ Kĩmani');
      expect(printedText).toContain(licences.valid.no);

      const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Download certificate' }).click()]);
      const downloaded = (await pdfText(fs.readFileSync(await download.path()))).join('\n');
      expect(downloaded).toContain('Wanjirũ Kĩmani');
      expect(downloaded).toContain('Registrar');
      expect(errorsOf(page)).toEqual([]);
      await page.close();
    } finally {
      await web.stop();
    }
  }, 180_000);

  it('the verify page the QR code opens says valid, tampered or revoked in Chromium, with its strict policy breaking nothing', async () => {
    const central = await startCentral(dir);
    // A browser of its own, closed before the service stops: an open keep-alive connection (its favicon request) would hold the stop up.
    const phone = await launchBrowser();
    try {
      const page = await phone.context.newPage();
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(m.text());
      });
      const open = async (payload: string) => {
        const res = await page.goto(verifyAddress(central.url, payload));
        return { status: res!.status(), heading: await page.getByRole('heading', { level: 1 }).innerText() };
      };
      expect(await open(licences.valid.payload)).toEqual({ status: 200, heading: 'Valid licence' });
      expect(await page.locator('dl').innerText()).toMatch(/WANJIRŨ KĨMANI/);
      // The style is allowed by its hash: the page is laid out, not bare.
      expect(await page.locator('main').evaluate((m) => getComputedStyle(m).borderTopWidth)).toBe('8px');
      expect(await open(licences.valid.payload.replace('31234567', '31234569'))).toEqual({ status: 200, heading: 'Not a valid licence' });
      expect(await page.locator('dl').count()).toBe(0);
      expect(await open(licences.revoked.payload)).toEqual({ status: 200, heading: 'Licence revoked' });
      expect(await page.locator('body').innerText()).not.toContain('misconduct');
      expect(problems).toEqual([]);
    } finally {
      await phone.close();
      await central.stop();
    }
  }, 180_000);
});
