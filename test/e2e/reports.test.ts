import { openFolderDatabase } from '../support/databaseFile.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatDayMonthYear } from '../../src/shared/dayMonthYear.js';
import { describe, expect, it } from 'vitest';
import { apiQuery } from './support/api.js';
import { errorsOf, screenshot, signIn } from './support/browser.js';
import { demoDesk } from './support/demoDesk.js';
import { downloadBy, exportFiles, exportOutcome, nairobiMonthOf, openScreen, readXlsx } from './support/reports.js';
import { statusText, waitFor } from './support/ui.js';
import { pdfText } from '../support/pdfText.js';
import { EXPORT_HOLD_ENV } from '../../src/main/reports/jobs.js';

let downloads = '';

const { dataDir, setup } = demoDesk(80, 5, {
  before: async () => {
    downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'kmlttb-e2e-downloads-'));
    // The desk holds exports of the audit trail until they are cancelled: Cancel always arrives while one runs.
    return { env: { [EXPORT_HOLD_ENV]: 'audit' } };
  },
  after: async () => {
    if (downloads) fs.rmSync(downloads, { recursive: true, force: true });
  },
});

/** Sets the summary of audit event 3 behind the desk's back; returns the summary it had. */
function editEvent3(summary: string): string {
  const db = openFolderDatabase(dataDir);
  try {
    const before = db.prepare('SELECT summary FROM audit_events WHERE seq = 3').pluck().get() as string;
    db.prepare('UPDATE audit_events SET summary = ? WHERE seq = 3').run(summary);
    return before;
  } finally {
    db.close();
  }
}

const NAV = ['Dashboard', 'Applications', 'Payments', 'Licences', 'SMS', 'Reports', 'Audit'];

describe('browser mode: dashboard, reports and the audit trail', () => {
  it('an auditor lands on the Dashboard, exports one month of applications as XLSX and PDF, and verifies the audit chain', async () => {
    const { url, browser } = setup();
    const page = await signIn(browser.context, url, 'auditor');

    // The first screen is the Dashboard, first in the navigation; the other links keep their names.
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link').allInnerTexts()).toEqual(NAV);
    expect(await nav.getByRole('link', { name: 'Dashboard' }).getAttribute('aria-current')).toBe('page');

    // The year's funnel, stage by stage, as the back end counts it.
    const summary = await apiQuery(page, 'dashboard.summary', {});
    const funnel = page.getByRole('list', { name: `Funnel for licence year ${summary.licenceYear}` });
    await funnel.waitFor();
    const stages = await funnel.getByRole('listitem').allInnerTexts();
    expect(stages.map((s) => s.split(/\s+/)[0])).toEqual(['Submitted', 'Approved', 'Paid', 'Licensed', 'Collected']);
    summary.funnel!.forEach((f, i) => expect(stages[i]!.replace(/\s+/g, ' ')).toContain(` ${f.count.toLocaleString('en-KE')}`));
    expect(summary.funnel![0]!.count).toBeGreaterThan(0);
    await page.getByRole('table', { name: 'Turnaround per officer' }).waitFor();
    await screenshot(page, 'dashboard-auditor');

    // The month with the most demo applications, and what the report holds for it.
    const apps = (await apiQuery(page, 'applications.list', { pageSize: 500 })).rows;
    const byMonth = new Map<string, number>();
    for (const a of apps) byMonth.set(nairobiMonthOf(a.submittedAt).month, (byMonth.get(nairobiMonthOf(a.submittedAt).month) ?? 0) + 1);
    const busiest = [...byMonth].sort((a, b) => b[1] - a[1])[0]!;
    const { month, from, to } = nairobiMonthOf(`${busiest[0]}-15T09:00:00Z`);
    const expected = await apiQuery(page, 'reports.preview', { report: 'applications', from, to, limit: 500 });
    expect(expected.more).toBe(false);
    expect(expected.rows.length).toBe(busiest[1]);
    const refs = expected.rows.map((r) => r[0]).sort();
    expect(refs.length).toBeLessThanOrEqual(100);

    // Reports: the applications report filtered to that month, previewed in a real grid.
    await openScreen(page, 'Reports');
    await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
    expect(await page.getByLabel('Report', { exact: true }).inputValue()).toBe('applications');
    // Days are typed dd/mm/yyyy, whatever the browser's locale.
    await page.getByLabel('From', { exact: true }).fill(formatDayMonthYear(from));
    await page.getByLabel('To', { exact: true }).fill(formatDayMonthYear(to));
    const preview = page.getByRole('table', { name: 'Applications preview' });
    await preview.getByRole('columnheader', { name: 'Application', exact: true }).waitFor();
    await waitFor(
      () => preview.locator('tbody tr').count(),
      (n) => n === refs.length,
      `the preview to show ${refs.length} applications of ${month}`,
    );
    expect((await preview.locator('tbody tr td:first-child').allInnerTexts()).sort()).toEqual(refs);

    // XLSX: typed cells, one row per application of the month.
    // Other tests of this desk may have exported before this one.
    const exportedBefore = (await apiQuery(page, 'audit.list', { action: 'report.', pageSize: 1 })).total;
    const exportPanel = page.getByRole('region', { name: 'Export' });
    await exportPanel.getByRole('button', { name: 'Export XLSX' }).click();
    const save = exportPanel.getByRole('button', { name: 'Save' });
    await save.waitFor();
    expect(await exportPanel.innerText()).toContain(`${refs.length} rows`);
    const xlsx = await downloadBy(page, save, downloads);
    expect(xlsx.name).toMatch(/^applications-\d{4}-\d{2}-\d{2}\.xlsx$/);
    await waitFor(
      () => statusText(page),
      (t) => t.includes(`Saved ${xlsx.name}`),
      'the XLSX to be announced saved',
    );
    const book = await readXlsx(xlsx.file);
    expect(book.sheet).toBe('Applications');
    expect(book.header.slice(0, 3)).toEqual(['application_ref', 'submitted_at', 'national_id']);
    expect(book.rows.map((r) => String(r[0])).sort()).toEqual(refs);
    const submitted = book.header.indexOf('submitted_at');
    for (const row of book.rows) {
      // Cells hold Nairobi wall-clock time.
      expect(row[submitted]).toBeInstanceOf(Date);
      expect((row[submitted] as Date).toISOString().slice(0, 7)).toBe(month);
    }

    // PDF: the title, the filters used, who made it and the row count.
    await exportPanel.getByRole('button', { name: 'Export PDF' }).click();
    await exportPanel.getByText(/Ready: applications-.*\.pdf/).waitFor();
    const pdf = await downloadBy(page, exportPanel.getByRole('button', { name: 'Save' }), downloads);
    expect(pdf.name).toMatch(/^applications-\d{4}-\d{2}-\d{2}\.pdf$/);
    const text = (await pdfText(fs.readFileSync(pdf.file))).join('\n');
    expect(text).toContain('Applications');
    expect(text).toContain(`Filters: from ${from}, to ${to}`);
    expect(text).toMatch(/Generated by .+ \(auditor\)/);
    expect(text).toContain(`${refs.length} rows`);
    await screenshot(page, 'reports');

    // Audit: both exports are in the trail, newest first; the chain verifies.
    await openScreen(page, 'Audit');
    const trail = page.getByRole('table', { name: 'Audit trail' });
    await page.getByLabel('Action', { exact: true }).fill('report.');
    await waitFor(
      () => trail.locator('tbody tr').count(),
      (n) => n === exportedBefore + 2,
      'the two exports in the trail',
    );
    const actions = await trail.locator('tbody tr').allInnerTexts();
    expect(actions[0]).toMatch(/applications exported as PDF/);
    expect(actions[1]).toMatch(/applications exported as XLSX/);
    await trail.locator('tbody tr').first().getByRole('button').click();
    const panel = page.getByRole('complementary', { name: 'Audit event details' });
    expect(
      await panel
        .locator('dt', { hasText: /^Hash$/ })
        .locator('xpath=following-sibling::dd[1]')
        .innerText(),
    ).toMatch(/^[0-9a-f]{64}$/);
    expect(
      await panel
        .locator('dt', { hasText: /^Actor$/ })
        .locator('xpath=following-sibling::dd[1]')
        .innerText(),
    ).toBe('auditor');
    await page.getByRole('button', { name: 'Verify chain' }).click();
    const intact = await page.getByText(/The chain is intact: [\d,]+ events checked\./).innerText();
    const verified = await apiQuery(page, 'audit.verify', {});
    expect(verified.ok).toBe(true);
    expect(Number(/([\d,]+) events/.exec(intact)![1]!.replace(/,/g, ''))).toBe(verified.checked);
    await waitFor(
      () => statusText(page),
      (t) => /Audit trail verified: \d+ events, chain intact\./.test(t),
      'the verification to be announced',
    );
    await screenshot(page, 'audit');
    expect(errorsOf(page)).toEqual([]);
    await page.close();
  });

  it('an auditor cancels a running export of the audit trail as PDF: no file is written', async () => {
    const { url, browser } = setup();
    const page = await signIn(browser.context, url, 'auditor');
    await openScreen(page, 'Reports');
    await page.getByLabel('Report', { exact: true }).selectOption({ label: 'Audit trail' });
    await page.getByRole('table', { name: 'Audit trail preview' }).waitFor();
    // The audit trail has no centre, licence year or state; it has the officer who acted.
    for (const label of ['Centre', 'Licence year', 'State']) expect(await page.getByLabel(label, { exact: true }).count()).toBe(0);
    await page.getByLabel('Officer', { exact: true }).waitFor();
    const exportsDir = path.join(dataDir, 'exports');
    const before = fs.existsSync(exportsDir) ? fs.readdirSync(exportsDir).sort() : [];

    // The desk holds this export until it is cancelled (KMLTTB_TEST_EXPORT_HOLD), so Cancel always finds it running.
    const exportPanel = page.getByRole('region', { name: 'Export' });
    await exportPanel.getByRole('button', { name: 'Export PDF' }).click();
    await exportPanel.getByText('Writing audit as PDF: 0 rows so far.').waitFor();
    await exportPanel.getByRole('button', { name: 'Cancel' }).click();
    const outcome = await exportOutcome(page);
    expect(outcome).toContain('The export of audit as PDF was cancelled: no file was written.');
    await waitFor(
      () => statusText(page),
      (t) => t.includes('cancelled: no file was written'),
      'the cancellation to be announced',
    );
    expect(await exportPanel.getByRole('button', { name: 'Save' }).count()).toBe(0);
    expect(await exportPanel.getByRole('button', { name: 'Cancel' }).count()).toBe(0);
    // Nothing was left in the data folder, not even a partial file; the buttons work again.
    expect(fs.existsSync(exportsDir) ? fs.readdirSync(exportsDir).sort() : []).toEqual(before);
    expect(exportFiles(dataDir, 'pdf')).toEqual(before.filter((f) => f.endsWith('.pdf')));
    expect(await exportPanel.getByRole('button', { name: 'Export PDF' }).isEnabled()).toBe(true);
    expect(errorsOf(page)).toEqual([]);
    await page.close();
  });

  it('an auditor narrows a report by licence year, state and officer: the preview and the export use them', async () => {
    const { url, browser } = setup();
    const page = await signIn(browser.context, url, 'auditor');
    // The most common decision by one officer, from the whole report as the back end gives it.
    const all = await apiQuery(page, 'reports.preview', { report: 'applications', limit: 500 });
    expect(all.more).toBe(false);
    const col = (key: string) => all.columns.findIndex((c) => c.key === key);
    const groups = new Map<string, number>();
    for (const r of all.rows) {
      if (!r[col('decided_by')]) continue;
      const key = JSON.stringify([r[col('licence_year')], r[col('status')], r[col('decided_by')]]);
      groups.set(key, (groups.get(key) ?? 0) + 1);
    }
    // The preview gives values as stored: the licence year is a number.
    const [licenceYear, state, officer] = JSON.parse([...groups].sort((a, b) => b[1] - a[1])[0]![0]) as [number, string, string];
    const year = String(licenceYear);
    const expected = await apiQuery(page, 'reports.preview', { report: 'applications', licenceYear: Number(year), state, officer, limit: 500 });
    const refs = expected.rows.map((r) => r[0]).sort();
    expect(refs.length).toBeGreaterThan(0);
    expect(refs.length).toBeLessThan(all.rows.length);

    await openScreen(page, 'Reports');
    const preview = page.getByRole('table', { name: 'Applications preview' });
    await waitFor(
      () => preview.locator('tbody tr').count(),
      (n) => n === Math.min(all.rows.length, 100),
      'the whole report in the preview',
    );
    // The applications report's own states, by name.
    expect(await page.getByLabel('State', { exact: true }).locator('option').allInnerTexts()).toEqual([
      'Any state',
      'Submitted',
      'Approved',
      'Rejected',
      'Returned',
      'Paid',
      'Licensed',
    ]);
    await page.getByLabel('Licence year', { exact: true }).fill(year);
    await page.getByLabel('State', { exact: true }).selectOption(state);
    await page.getByLabel('Officer', { exact: true }).fill(officer);
    await waitFor(
      () => preview.locator('tbody tr').count(),
      (n) => n === refs.length,
      `the preview to show the ${refs.length} applications`,
    );
    expect((await preview.locator('tbody tr td:first-child').allInnerTexts()).sort()).toEqual(refs);

    // A year that is not a year stops the preview and says why.
    await page.getByLabel('Licence year', { exact: true }).fill('26');
    await page.getByText('A licence year is four digits, 2000 to 2100.').waitFor();
    expect(await page.getByRole('button', { name: 'Export CSV' }).isDisabled()).toBe(true);
    await page.getByLabel('Licence year', { exact: true }).fill(year);
    await waitFor(
      () => preview.locator('tbody tr').count(),
      (n) => n === refs.length,
      'the preview back',
    );

    // The export holds the same rows, and its PDF names the filters.
    const exportPanel = page.getByRole('region', { name: 'Export' });
    await exportPanel.getByRole('button', { name: 'Export PDF' }).click();
    await exportPanel.getByText(/Ready: applications-.*\.pdf/).waitFor();
    expect(await exportPanel.innerText()).toContain(`${refs.length} ${refs.length === 1 ? 'row' : 'rows'}`);
    const pdf = await downloadBy(page, exportPanel.getByRole('button', { name: 'Save' }), downloads);
    const text = (await pdfText(fs.readFileSync(pdf.file))).join('\n');
    expect(text).toContain(`Filters: licence year ${year}, state ${state}, officer ${officer}`);
    expect(text).toContain(`${refs.length} rows`);

    // Filters that do not apply to a report are not offered: collection has a licence year only.
    await page.getByLabel('Report', { exact: true }).selectOption({ label: 'Collection by centre' });
    await page.getByRole('table', { name: 'Collection by centre preview' }).waitFor();
    expect(await page.getByLabel('Licence year', { exact: true }).inputValue()).toBe(year);
    for (const label of ['State', 'Officer']) expect(await page.getByLabel(label, { exact: true }).count()).toBe(0);
    expect(errorsOf(page)).toEqual([]);
    await page.close();
  });

  it("an officer's and a clerk's Dashboards show their work, each number leading to the grid behind it", async () => {
    const { url, browser } = setup();
    const officer = await signIn(browser.context, url, 'officer');
    await officer.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    const summary = await apiQuery(officer, 'dashboard.summary', {});
    const queue = officer.getByRole('list', { name: 'Applications waiting, by days since submission' });
    expect(await queue.getByRole('listitem').count()).toBe(summary.queueByAge!.length);
    const approved = officer.getByRole('link', { name: `${summary.approvedUnpaid} Approved but unpaid` });
    await approved.waitFor();
    await officer.getByRole('link', { name: `${summary.paymentsUnmatched} Payments unmatched` }).waitFor();
    await officer.getByRole('link', { name: `${summary.licencesToDispatch} Licences to dispatch` }).waitFor();
    await screenshot(officer, 'dashboard-officer');

    // Approved but unpaid opens the Applications grid filtered to approved applications.
    await approved.click();
    await officer.getByRole('heading', { level: 1, name: 'Applications' }).waitFor();
    expect(await officer.getByLabel('State', { exact: true }).inputValue()).toBe('approved');
    const pager = officer.getByRole('group', { name: 'Pages of applications' });
    await waitFor(
      () => pager.innerText(),
      (t) => t.includes(`of ${summary.approvedUnpaid} applications`) || (summary.approvedUnpaid === 0 && t.includes('No applications')),
      'the approved applications',
    );
    expect(officer.url()).toMatch(/#\/applications$/);
    await openScreen(officer, 'Dashboard');
    await officer.getByRole('link', { name: `${summary.paymentsUnmatched} Payments unmatched` }).click();
    await officer.getByRole('tab', { name: 'Unmatched', selected: true }).waitFor();
    expect(errorsOf(officer)).toEqual([]);

    // A clerk sees their own centre.
    const centre = (await apiQuery(officer, 'centres.list', {})).find((c) => c.active)!;
    const clerk = await signIn(browser.context, url, `clerk.${centre.code.toLowerCase()}`);
    await clerk.getByRole('heading', { level: 2, name: centre.name }).waitFor();
    const clerkSummary = await apiQuery(clerk, 'dashboard.summary', {});
    const waiting = clerkSummary.waitingByAge!.reduce((n, b) => n + b.count, 0);
    await clerk.getByRole('link', { name: `${waiting} Licences waiting for collection` }).waitFor();
    await clerk.getByRole('list', { name: 'Licences waiting, by days at the centre' }).waitFor();
    const batches = clerk.getByRole('link', { name: `${clerkSummary.batchesOnTheWay} Batches on the way` });
    expect(await clerk.getByRole('navigation', { name: 'Main' }).getByRole('link').allInnerTexts()).toEqual(['Dashboard', 'Licences', 'Collection', 'Reports']);
    await screenshot(clerk, 'dashboard-clerk');
    await batches.click();
    await clerk.getByRole('heading', { level: 1, name: new RegExp(`^Collection`) }).waitFor();

    // The clerk's reports are those of licences, fixed to the centre.
    await openScreen(clerk, 'Reports');
    const choices = await clerk.getByLabel('Report', { exact: true }).locator('option').allInnerTexts();
    expect(choices).toEqual(['Licences', 'Collection by centre']);
    expect(await clerk.getByLabel('Centre', { exact: true }).inputValue()).toBe(centre.name);
    expect(errorsOf(clerk)).toEqual([]);
  });

  it('an event edited behind the desk breaks the chain: Verify chain names it, and Show event opens it in the trail', async () => {
    const { url, browser } = setup();
    // It damages the trail on purpose, as someone editing the database file would, and mends it
    // after, whatever happens: the other tests verify the chain of the same desk.
    const summaryOf3 = editEvent3('nothing happened');
    try {
      const page = await signIn(browser.context, url, 'auditor');
      await openScreen(page, 'Audit');
      await page.getByRole('button', { name: 'Verify chain' }).click();
      await page
        .getByRole('alert')
        .filter({ hasText: /The chain is broken at event 3: / })
        .waitFor();
      await waitFor(
        () => statusText(page),
        (t) => t.includes('Audit trail broken at event 3.'),
        'the broken chain to be announced',
      );
      await page.getByRole('button', { name: 'Show event 3' }).click();
      const panel = page.getByRole('complementary', { name: 'Audit event details' });
      await panel.getByRole('heading', { level: 2, name: 'Event 3' }).waitFor();
      await panel.getByText(/The chain breaks at this event/).waitFor();
      expect(await panel.innerText()).toContain('nothing happened');
      const selected = page.getByRole('table', { name: 'Audit trail' }).locator('tbody tr[aria-current="true"]');
      expect(await selected.locator('td').first().innerText()).toBe('3');
      await screenshot(page, 'audit-broken');
      expect(errorsOf(page)).toEqual([]);
    } finally {
      editEvent3(summaryOf3);
    }
  });
});
