import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { pdfText } from '../support/pdfText.js';
import { apiQuery } from './support/api.js';
import { errorsOf, screenshot, signIn } from './support/browser.js';
import { demoDesk } from './support/demoDesk.js';
import { announced, clerkOf, collectedByProxy, dispatchedLicence, goTo, issuedLicence, paidApplicationCount, queryStatus, rowsOf } from './support/licences.js';
import { waitFor } from './support/ui.js';

const { setup, browser: demoBrowser } = demoDesk(60, 7);
// Each test signs in tabs of its own. A tab left open keeps its change stream (/api/events), and
// Chromium opens at most six connections to one address: later tabs would wait for a seventh.
afterEach(async () => {
  for (const tab of demoBrowser()?.context.pages() ?? []) await tab.close();
});

/** Each test makes the licence it follows through the API (support/licences.ts), so it runs alone or in any order. */
const PROXY = { collectorName: 'Achieng Otieno', collectorIdNo: '29384756', note: "Signed letter of authority with a copy of the holder's ID" };

// Each test also makes its own licence through the API (paying an application first when none is paid).
describe('browser mode: licences from issue to collection', { timeout: 120_000 }, () => {
  it('an officer issues licences for every paid application and dispatches a batch to one centre, with a manifest PDF', async () => {
    const { url, browser } = setup();
    const officer = await signIn(browser.context, url, 'officer');
    const paid = await paidApplicationCount(officer);
    const issuedBefore = (await apiQuery(officer, 'licences.list', { pageSize: 1 })).total;

    await goTo(officer, 'Licences');
    const paidTable = officer.getByRole('table', { name: 'Paid applications' });
    await waitFor(
      () => rowsOf(paidTable),
      (r) => r.length === Math.min(paid, 50) && r[0]?.length === 7,
      'the paid applications',
    );
    await paidTable.getByRole('checkbox', { name: 'Select all' }).check();
    await officer.getByRole('button', { name: 'Issue licences' }).click();
    await officer
      .getByRole('dialog')
      .getByText(`${Math.min(paid, 50)} selected`)
      .waitFor();
    await officer.getByRole('button', { name: 'Confirm' }).click();
    const news = await announced(officer, /(\d+) licences? issued: (\S+)/, 'the licences issued');
    expect(Number(news[1])).toBe(Math.min(paid, 50));
    expect(news[2]).toMatch(/^KMLTTB\/\d{4}\/\d{6}/);
    expect((await apiQuery(officer, 'licences.list', { pageSize: 1 })).total).toBe(issuedBefore + Number(news[1]));

    // Follow the first licence issued to its centre.
    const first = (await apiQuery(officer, 'licences.list', { search: news[2]!.replace(/[,.;]$/, '') })).rows[0]!;
    const centre = (await apiQuery(officer, 'centres.list', {})).find((c) => c.id === first.centreId)!;
    const forCentre = (await apiQuery(officer, 'licences.list', { state: 'issued', centreId: centre.id, pageSize: 1 })).total;
    await officer.getByLabel('Centre to dispatch to').selectOption({ label: centre.name });
    const issuedTable = officer.getByRole('table', { name: 'Ready to dispatch' });
    await waitFor(
      () => rowsOf(issuedTable),
      (r) => r.length === forCentre && r.some((c) => c.includes(first.licenceNo)),
      `the issued licences for ${centre.name}`,
    );
    await officer.getByRole('button', { name: 'Create batch' }).click();
    await officer.getByRole('button', { name: 'Confirm' }).click();
    const batch = await announced(officer, /Batch (\S+) of (\d+) licences? dispatched to/, 'the batch dispatched');
    const batchNo = batch[1]!;
    expect(batchNo).toMatch(new RegExp(`^${centre.code}-\\d{4}-\\d{4}$`));
    expect(Number(batch[2])).toBe(forCentre);

    const [download] = await Promise.all([officer.waitForEvent('download'), officer.getByRole('button', { name: 'Download manifest' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const manifest = (await pdfText(fs.readFileSync(await download.path()))).join('\n');
    expect(manifest).toContain(batchNo);
    expect(manifest).toContain(first.licenceNo);

    await screenshot(officer, 'licences');
    expect(errorsOf(officer)).toEqual([]);
  });

  it("the centre's clerk confirms the batch received, finds the holder by ID number and records a collection by a proxy", async () => {
    const { url, browser } = setup();
    const followed = await dispatchedLicence(await signIn(browser.context, url, 'officer'));
    const clerk = await signIn(browser.context, url, clerkOf(followed));
    const queuedBefore = (await apiQuery(clerk, 'sms.summary', {})).queued;

    await goTo(clerk, 'Collection');
    await clerk.getByRole('heading', { level: 1, name: `Collection: ${followed.centreName}` }).waitFor();
    const onTheWay = clerk.getByRole('region', { name: 'Batches on the way' });
    await onTheWay.getByRole('listitem').filter({ hasText: followed.batchNo }).getByRole('button', { name: 'Confirm received' }).click();
    await clerk.getByRole('button', { name: 'Confirm' }).click();
    const received = await announced(clerk, /(\d+) licences? at the centre; SMS queued/, 'the batch received');
    const queuedAfter = await waitFor(
      () => apiQuery(clerk, 'sms.summary', {}),
      (s) => s.queued > queuedBefore,
      'the SMS queue to grow',
    );
    expect(queuedAfter.queued - queuedBefore).toBeLessThanOrEqual(Number(received[1]));
    await onTheWay.getByText(followed.batchNo).waitFor({ state: 'detached' });

    await clerk.getByLabel('Search', { exact: true }).fill(followed.nationalId);
    const results = clerk.getByRole('table', { name: 'Search results' });
    const row = results.getByRole('row').filter({ hasText: followed.licenceNo });
    await row.getByText('At the centre').waitFor();
    await row.getByRole('button', { name: 'Mark collected' }).click();
    await clerk.getByRole('radio', { name: 'Proxy' }).check();
    await clerk.getByRole('button', { name: 'Confirm' }).click();
    // Nothing is recorded until the proxy's details are given; each problem shows at its field.
    await clerk.getByText("Give the collector's full name").waitFor();
    await clerk.getByText("Give the collector's ID number").waitFor();
    await clerk.getByLabel('Collector name').fill(PROXY.collectorName);
    await clerk.getByLabel('Collector ID number').fill(PROXY.collectorIdNo);
    await clerk.getByLabel('How the holder authorised').fill(PROXY.note);
    await clerk.getByRole('button', { name: 'Confirm' }).click();
    await announced(clerk, /collected by proxy Achieng Otieno/, 'the collection');
    await row.getByText(/Collected by Achieng Otieno \(proxy, ID 29384756\) on .+, handed over by clerk\./).waitFor();

    await screenshot(clerk, 'collection');
    expect(errorsOf(clerk)).toEqual([]);
  });

  it('a clerk of another centre finds nothing of that licence and may not open it', async () => {
    const { url, browser } = setup();
    const officer = await signIn(browser.context, url, 'officer');
    const followed = await dispatchedLicence(officer);
    // A centre where this holder has no licence of any year: there the search must find nothing.
    const theirs = new Set((await apiQuery(officer, 'licences.list', { search: followed.nationalId, pageSize: 100 })).rows.map((l) => l.centreId));
    const other = (await apiQuery(officer, 'centres.list', {})).find((c) => c.active && !theirs.has(c.id))!;
    const clerk = await signIn(browser.context, url, `clerk.${other.code.toLowerCase()}`);
    await goTo(clerk, 'Collection');
    await clerk.getByLabel('Search', { exact: true }).fill(followed.nationalId);
    const results = clerk.getByRole('table', { name: 'Search results' });
    await results.getByText('No licence at this centre matches.').waitFor();
    expect((await rowsOf(results)).flat().join(' ')).not.toContain(followed.licenceNo);
    expect(await queryStatus(clerk, 'licence.detail', { id: followed.id })).toBe(403);
    expect(errorsOf(clerk)).toEqual([]);
  });

  it('the officer sees the licence collected, by whom, and its QR text verifies as valid and a changed copy as tampered', async () => {
    const { url, browser } = setup();
    const page = await signIn(browser.context, url, 'officer');
    const followed = await dispatchedLicence(page);
    const clerk = await signIn(browser.context, url, clerkOf(followed));
    await collectedByProxy(clerk, followed, PROXY);
    await clerk.close();
    await goTo(page, 'Licences');
    await page.getByLabel('Search licences').fill(followed.licenceNo);
    const grid = page.getByRole('table', { name: 'Licences', exact: true });
    await waitFor(
      () => rowsOf(grid),
      (r) => r.length === 1 && r[0]!.join(' ').includes('Collected'),
      'the licence to show collected',
    );
    await grid.getByRole('button', { name: followed.licenceNo }).click();
    const panel = page.getByRole('complementary', { name: 'Licence details' });
    await panel.getByText(/Achieng Otieno \(proxy, ID 29384756\)/).waitFor();
    const qr = (await panel.locator('.qr-payload').innerText()).trim();
    expect(qr.startsWith(`KMLTTB1|${followed.licenceNo}|`)).toBe(true);

    await page.getByRole('link', { name: 'Verify a licence' }).click();
    await page.getByRole('heading', { level: 1, name: 'Verify a licence' }).waitFor();
    await page.getByLabel('QR code text').fill(qr);
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('heading', { name: 'VALID', exact: true }).waitFor();
    await page.getByLabel('QR code text').fill(qr.replace(`|${followed.nationalId}|`, '|12345678|'));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('heading', { name: 'TAMPERED', exact: true }).waitFor();
    await page.getByLabel('QR code text').fill('not a licence');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'UNREADABLE', exact: true }).waitFor();
    expect(errorsOf(page)).toEqual([]);
  });

  it('the officer reassigns an issued licence with a reason, prints its certificate, then revokes it, and its code verifies as revoked', async () => {
    const { url, browser } = setup();
    const page = await signIn(browser.context, url, 'officer');
    const licence = await issuedLicence(page);
    const target = (await apiQuery(page, 'centres.list', {})).find((c) => c.active && c.id !== licence.centreId)!;
    await goTo(page, 'Licences');
    await page.getByLabel('Search licences').fill(licence.licenceNo);
    const grid = page.getByRole('table', { name: 'Licences', exact: true });
    await waitFor(
      () => rowsOf(grid),
      (r) => r.length === 1 && r[0]!.join(' ').includes(licence.licenceNo),
      'the licence in the grid',
    );
    await grid.getByRole('button', { name: licence.licenceNo }).click();
    const panel = page.getByRole('complementary', { name: 'Licence details' });

    await panel.getByRole('button', { name: 'Reassign' }).click();
    await panel.getByRole('button', { name: 'Confirm' }).click();
    await panel.getByText('Choose the new centre').waitFor();
    await screenshot(page, 'licence-detail');
    await panel.getByLabel('New centre').selectOption({ label: target.name });
    await panel.getByLabel('Reason').fill('Holder moved and asked to collect nearer home');
    await panel.getByRole('button', { name: 'Confirm' }).click();
    await announced(page, new RegExp(`${licence.licenceNo} reassigned to ${target.name}`), 'the reassignment');
    await panel.getByText(/Reassigned by officer \(Holder moved/).waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Download certificate' }).click()]);
    expect((await pdfText(fs.readFileSync(await download.path()))).join('\n')).toContain(licence.licenceNo);

    const qr = (await panel.locator('.qr-payload').innerText()).trim();
    await panel.getByRole('button', { name: 'Revoke' }).click();
    await panel.getByLabel('Reason').fill('Issued in error: duplicate for the year');
    await panel.getByRole('button', { name: 'Confirm' }).click();
    await announced(page, new RegExp(`${licence.licenceNo} revoked`), 'the revocation');
    await panel.getByText('Revoked', { exact: true }).first().waitFor();
    expect(await panel.getByRole('button', { name: 'Revoke' }).count()).toBe(0);

    await page.getByRole('link', { name: 'Verify a licence' }).click();
    await page.getByRole('heading', { level: 1, name: 'Verify a licence' }).waitFor();
    await page.getByLabel('QR code text').fill(qr);
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('heading', { name: 'REVOKED', exact: true }).waitFor();
    // The verdict itself, not the status line that announces it too.
    await page.getByText(`Licence ${licence.licenceNo} was revoked: Issued in error: duplicate for the year.`, { exact: true }).waitFor();
    await screenshot(page, 'verify');
    expect(errorsOf(page)).toEqual([]);
  });
});
