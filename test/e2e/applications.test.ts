import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiQuery } from './support/api.js';
import { errorsOf, screenshot, signIn } from './support/browser.js';
import { demoDesk } from './support/demoDesk.js';
import { applicationsGrid, detailValue, gridRefs, searchFor, statusText, waitFor } from './support/ui.js';

const demo = demoDesk(60, 7);
const { dataDir } = demo;

function url(): string {
  const desk = demo.desk();
  if (!desk) throw new Error('the web desk did not start');
  return desk.url;
}
function context() {
  const browser = demo.browser();
  if (!browser) throw new Error('the browser did not start');
  return browser.context;
}

/** Reads the SMS preview of the open decision once it shows text that passes `accept`. */
async function previewOf(page: Page, accept: (text: string) => boolean): Promise<{ phone: string; text: string }> {
  const preview = page.getByRole('region', { name: 'SMS preview' });
  const text = await waitFor(
    async () =>
      (await preview
        .locator('blockquote')
        .textContent()
        .catch(() => null)) ?? '',
    accept,
    'the SMS preview',
  );
  const heading = (await preview.getByRole('heading').textContent()) ?? '';
  return { phone: heading.replace(/^.*:\s*/, '').trim(), text };
}

/** The single SMS row for an application and event, as the SMS screen shows it. */
async function smsRowFor(page: Page, ref: string, event: string): Promise<string[]> {
  await page.getByLabel('Search messages').fill(ref);
  await page.getByLabel('Event').selectOption({ label: event });
  const table = page.getByRole('table', { name: 'SMS messages' });
  const rows = await waitFor(
    async () => table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? ''))),
    (r) => r.length === 1 && r[0]?.[2] === ref,
    `one ${event} SMS for ${ref}`,
  );
  return rows[0] ?? [];
}

describe('browser mode: deciding applications', () => {
  it('an officer filters the queue, approves one application and rejects another, and both SMS wait in the queue', async () => {
    const page = await signIn(context(), url(), 'officer');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Applications', exact: true }).click(); // Sign-in lands on the Dashboard.
    for (const name of ['Applications', 'Payments', 'Licences', 'SMS', 'Reports']) {
      expect(await nav.getByRole('link', { name, exact: true }).count(), name).toBe(1);
    }
    expect(await nav.getByRole('link', { name: 'Settings' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Audit' }).count()).toBe(0);

    // The queue: submitted applications, oldest first.
    const queue = await waitFor(
      () => gridRefs(page),
      (refs) => refs.length >= 2,
      'the queue to fill',
    );
    const [approveRef, rejectRef] = queue as [string, string];
    expect(
      await applicationsGrid(page)
        .getByRole('columnheader', { name: /Submitted/ })
        .getAttribute('aria-sort'),
    ).toBe('ascending');
    await screenshot(page, 'applications-queue');

    // Approve the oldest, found through the search filter.
    await searchFor(page, approveRef);
    await applicationsGrid(page).getByRole('button', { name: approveRef }).click();
    await page.getByRole('button', { name: 'Approve', exact: true }).click();
    await page.getByLabel('Reason').fill('Register and CPD checked.');
    const approvalPreview = await previewOf(page, (t) => t.includes(approveRef));
    expect(approvalPreview.phone).toMatch(/^0[17]\d{2} \d{3} \d{3}$/);
    await screenshot(page, 'applications-decision');
    await page.getByRole('button', { name: 'Confirm' }).click();
    const approvalNews = await waitFor(
      () => statusText(page),
      (t) => t.includes(`${approveRef} approved`),
      'the approval to be announced',
    );
    const bill = /Bill reference (\S+), (KES [\d,]+\.\d{2})/.exec(approvalNews);
    expect(bill, approvalNews).not.toBeNull();
    const [, billRef = '', amount = ''] = bill ?? [];

    // Reject the next one in the queue, starting from the keyboard.
    await searchFor(page, rejectRef);
    await applicationsGrid(page).getByRole('button', { name: rejectRef }).click();
    await page.getByRole('heading', { name: new RegExp(`^${rejectRef} `) }).waitFor();
    await page.getByRole('heading', { name: new RegExp(`^${rejectRef} `) }).click();
    await page.keyboard.press('r');
    const reason = 'CPD certificate for the year is missing';
    await page.getByLabel('Reason').fill(reason);
    const rejectionPreview = await previewOf(page, (t) => t.includes(reason));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await waitFor(
      () => statusText(page),
      (t) => t.includes(`${rejectRef} rejected`),
      'the rejection to be announced',
    );

    // Both show their new state when opened again; the approval shows its invoice.
    await page.getByLabel('State', { exact: true }).selectOption({ label: 'Any state' });
    await searchFor(page, approveRef);
    expect(await applicationsGrid(page).locator('tbody tr').first().innerText()).toContain('Approved');
    await applicationsGrid(page).getByRole('button', { name: approveRef }).click();
    await waitFor(
      () => detailValue(page, 'Bill reference').innerText(),
      (t) => t === billRef,
      'the bill reference',
    );
    expect(await detailValue(page, 'Amount due').innerText()).toBe(amount);
    expect(await page.getByRole('button', { name: 'Approve', exact: true }).count()).toBe(0);
    await screenshot(page, 'applications-approved');

    await searchFor(page, rejectRef);
    expect(await applicationsGrid(page).locator('tbody tr').first().innerText()).toContain('Rejected');
    await applicationsGrid(page).getByRole('button', { name: rejectRef }).click();
    await waitFor(
      () =>
        detailValue(page, 'Reason')
          .innerText()
          .catch(() => ''),
      (t) => t === reason,
      'the rejection reason',
    );

    // One queued SMS for each decision, to the applicant's phone, with the text previewed.
    await page.getByRole('link', { name: 'SMS' }).click();
    const approvedSms = await smsRowFor(page, approveRef, 'Approved');
    expect(approvedSms[1]).toBe(approvalPreview.phone);
    expect(approvedSms[5]).toBe('Queued');
    expect(approvedSms[6]).toBe(approvalPreview.text.replace('(given on approval)', billRef));
    expect(approvedSms[6]).toContain(amount);
    const rejectedSms = await smsRowFor(page, rejectRef, 'Rejected');
    expect(rejectedSms[5]).toBe('Queued');
    expect(rejectedSms[6]).toBe(rejectionPreview.text);
    expect(rejectedSms[6]).toContain(reason);
    await screenshot(page, 'sms');

    await nav.getByRole('link', { name: 'Reports', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
    expect(errorsOf(page)).toEqual([]);
    await page.close();
  });

  it('an application a search drops from the list cannot be decided: its panel closes and `a` acts only on the highlighted row found', async () => {
    const page = await signIn(context(), url(), 'officer');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Applications', exact: true }).click();
    const grid = applicationsGrid(page);
    const panel = page.getByRole('complementary', { name: 'Application details' });
    const queue = await waitFor(
      () => grid.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? ''))),
      (r) => r.length >= 3 && r.every((cells) => cells.length > 2),
      'the queue to fill',
    );
    const [first] = queue as [string[]];
    const [refA = '', , nameA = ''] = first;
    const wordsA = new Set(nameA.toLowerCase().split(/\s+/));
    // Another person, whose name the first one's does not contain.
    const other = queue.find((cells) =>
      (cells[2] ?? '')
        .toLowerCase()
        .split(/\s+/)
        .some((w) => !wordsA.has(w)),
    );
    expect(other, 'a second applicant with another name').toBeDefined();
    const nameB = other?.[2] ?? '';
    const stateOf = async (ref: string) => (await apiQuery(page, 'applications.list', { search: ref })).rows.find((r) => r.applicationRef === ref)?.state;
    expect(await stateOf(refA)).toBe('submitted');

    // The officer opens the first application, then searches for the other person.
    await grid.getByRole('button', { name: refA }).click();
    await panel.getByRole('heading', { level: 2, name: new RegExp(`^${refA} `) }).waitFor();
    await page.getByLabel('Search applications').fill(nameB);
    const found = await waitFor(
      () => gridRefs(page),
      (refs) => refs.length > 0 && !refs.includes(refA),
      `the grid to show ${nameB} and not ${refA}`,
    );
    // The panel that showed the first person is gone with its row, in the same moment.
    expect(await panel.count()).toBe(0);
    expect(await grid.locator('tr[aria-current="true"] button').innerText()).toBe(found[0]);

    // `a` opens Approve for the highlighted row the list shows, never for the first person.
    await page.getByRole('heading', { name: 'Applications', level: 1 }).click();
    await page.keyboard.press('a');
    await panel.getByRole('heading', { level: 2, name: new RegExp(`^${found[0]} `) }).waitFor();
    await page.getByRole('heading', { level: 3, name: `Approve ${found[0]}` }).waitFor();
    expect(await page.getByRole('heading', { name: new RegExp(refA) }).count()).toBe(0);
    await page.keyboard.press('Escape');
    await waitFor(
      () => page.getByLabel('Reason').count(),
      (n) => n === 0,
      'the decision to close',
    );

    // A search that finds nobody: nothing is open, and `a` opens nothing.
    await page.getByLabel('Search applications').fill('Nobody Zzyzxvut');
    await waitFor(
      () => grid.locator('tbody td.empty').count(),
      (n) => n === 1,
      'the grid to find nobody',
    );
    expect(await panel.count()).toBe(0);
    await page.getByRole('heading', { name: 'Applications', level: 1 }).click();
    await page.keyboard.press('a');
    expect(await page.getByLabel('Reason').count()).toBe(0);
    expect(await panel.count()).toBe(0);

    // Nothing was decided for the first person.
    expect(await stateOf(refA)).toBe('submitted');
    expect(await statusText(page)).not.toContain(refA);
    await page.getByLabel('Search applications').fill('');
    expect(errorsOf(page)).toEqual([]);
    await page.close();
  });

  it('an officer imports an applications file: the dry run lists problems by line, and a clean file lands in the queue', async () => {
    const header =
      'application_ref,submitted_at,national_id,registration_no,first_name,middle_name,last_name,phone,email,cadre,qualification,county,employer,licence_year,cpd_points,collection_centre,declaration_accepted,disclosures';
    const first =
      'PAL-E2E-000001,2026-11-01T09:00:00+03:00,22334455,T/2019/01234,Wanjiru,,Kamau,0712345678,wanjiru@example.co.ke,technologist,Diploma in Medical Laboratory Sciences,Nairobi,Kenyatta National Hospital,2027,30,NRB,yes,';
    const second = (cpd: string) =>
      `PAL-E2E-000002,01/11/2026 10:30,22334456,T/2019/01235,Otieno,,Odhiambo,0722000111,otieno@example.co.ke,technician,Certificate in Medical Laboratory Sciences,Kisumu,JOOTRH,2027,${cpd},KSM,yes,`;
    const bad = path.join(dataDir, 'applications-bad.csv');
    const good = path.join(dataDir, 'applications-good.csv');
    fs.writeFileSync(bad, [header, first, second('lots')].join('\n'));
    fs.writeFileSync(good, [header, first, second('25')].join('\n'));

    const page = await signIn(context(), url(), 'officer');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Applications', exact: true }).click(); // Sign-in lands on the Dashboard.
    await waitFor(
      () => gridRefs(page),
      (refs) => refs.length > 0,
      'the queue',
    );
    await page.getByRole('button', { name: 'Import applications' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import applications' });
    await dialog.getByLabel('Applications file (.csv or .xlsx)').setInputFiles(bad);
    const problems = dialog.getByRole('table', { name: 'Problems in the file' });
    await problems.waitFor();
    const problemRows = await problems.locator('tbody tr').allInnerTexts();
    expect(problemRows).toHaveLength(1);
    expect(problemRows[0]).toMatch(/^3\s+cpd_points/);
    expect(await dialog.getByRole('button', { name: 'Import', exact: true }).isDisabled()).toBe(true);
    await screenshot(page, 'applications-import');

    await dialog.getByLabel('Applications file (.csv or .xlsx)').setInputFiles(good);
    await dialog.getByText(/2 rows read, 2 to import/).waitFor();
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await waitFor(
      () => statusText(page),
      (t) => t.includes('Import finished: 2 imported'),
      'the import to finish',
    );
    await dialog.getByRole('button', { name: 'Close' }).click();
    await searchFor(page, 'PAL-E2E-000002');
    expect(await applicationsGrid(page).locator('tbody tr').first().innerText()).toContain('Submitted');
    expect(errorsOf(page)).toEqual([]);
    await page.close();
  });

  it('an auditor reads applications but cannot decide, and the back end refuses a decision sent directly', async () => {
    const page = await signIn(context(), url(), 'auditor');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Applications', exact: true }).click(); // Sign-in lands on the Dashboard.
    expect(await nav.getByRole('link', { name: 'Audit' }).count()).toBe(1);
    expect(await nav.getByRole('link', { name: 'Settings' }).count()).toBe(0);

    const [ref] = (await waitFor(
      () => gridRefs(page),
      (refs) => refs.length > 0,
      'the queue',
    )) as [string];
    await applicationsGrid(page).getByRole('button', { name: ref }).click();
    await detailValue(page, 'National ID').waitFor();
    expect(await page.getByRole('button', { name: 'Approve', exact: true }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Reject', exact: true }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Return', exact: true }).count()).toBe(0);

    const refused = await page.evaluate(async () => {
      const token = sessionStorage.getItem('kmlttb.token') ?? '';
      const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` };
      const list = await fetch('/api/query/applications.list', { method: 'POST', headers, body: JSON.stringify({ state: 'submitted', pageSize: 1 }) });
      const id = ((await list.json()) as { value: { rows: { id: string }[] } }).value.rows[0]?.id ?? '';
      const res = await fetch('/api/command/application.approve', { method: 'POST', headers, body: JSON.stringify({ applicationId: id, reason: 'Trying' }) });
      const after = await fetch('/api/query/application.detail', { method: 'POST', headers, body: JSON.stringify({ id }) });
      return {
        status: res.status,
        body: (await res.json()) as { ok: boolean; error?: { code: string } },
        stateAfter: ((await after.json()) as { value: { state: string } }).value.state,
      };
    });
    expect(refused.status).toBe(403);
    expect(refused.body.ok).toBe(false);
    expect(refused.body.error?.code).toBe('forbidden');
    expect(refused.stateAfter).toBe('submitted');

    await nav.getByRole('link', { name: 'Audit' }).click();
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await page.getByText(/The chain is intact: [\d,]+ events checked/).waitFor();
    await screenshot(page, 'audit');

    // Locking hides the screen until the password is given again.
    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    await page.getByRole('button', { name: 'Unlock' }).waitFor();
    expect(await nav.isVisible()).toBe(false);
    await page.getByLabel('Password').fill('demo-password');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('button', { name: 'Verify chain' }).waitFor();
    expect(errorsOf(page)).toEqual([]);
    await page.close();
  });

  it('an administrator sees the settings but no decision actions', async () => {
    const page = await signIn(context(), url(), 'admin');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('table', { name: 'Users' }).getByRole('cell', { name: 'officer', exact: true }).waitFor();
    await screenshot(page, 'settings-users');
    await page.getByRole('link', { name: 'Fees' }).click();
    await page.getByRole('table', { name: 'Fees' }).getByText('placeholder').first().waitFor();
    await screenshot(page, 'settings-fees');

    await nav.getByRole('link', { name: 'Applications' }).click();
    const [ref] = (await waitFor(
      () => gridRefs(page),
      (refs) => refs.length > 0,
      'the queue',
    )) as [string];
    await applicationsGrid(page).getByRole('button', { name: ref }).click();
    await detailValue(page, 'National ID').waitFor();
    expect(await page.getByRole('button', { name: 'Approve', exact: true }).count()).toBe(0);
    expect(errorsOf(page)).toEqual([]);
    await page.close();
  });
});
