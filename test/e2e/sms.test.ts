import type { Page } from 'playwright-core';
import { formatDayMonthYear } from '../../src/shared/dayMonthYear.js';
import { describe, expect, it } from 'vitest';
import type { ApplicationRow } from '../../src/shared/contract/applications.js';
import type { SmsSummary } from '../../src/shared/contract/sms.js';
import { normalisePhone } from '../../src/shared/phone.js';
import { smsLength } from '../../src/shared/smsSegments.js';
import { renderSms } from '../../src/shared/smsTemplate.js';
import { SAMPLE_VALUES } from '../../src/shared/smsPlaceholders.js';
import { startSmsGatewaySimulator, type SmsGatewaySimulator } from '../fixtures/smsGatewaySimulator.js';
import { apiCommand, apiQuery } from './support/api.js';
import { errorsOf, screenshot, signIn, type TestBrowser } from './support/browser.js';
import { demoDesk } from './support/demoDesk.js';
import { attemptRows, gatewayForm, nairobiDay, openSms, panelState, queueSettled, smsDetailValue, smsGridRows, smsInState, smsPanel } from './support/sms.js';
import { applicationsGrid, searchFor, statusText, waitFor } from './support/ui.js';

let gateway: SmsGatewaySimulator | undefined;

const demo = demoDesk(40, 11, {
  before: async () => {
    gateway = await startSmsGatewaySimulator();
    return { env: { KMLTTB_SMS_BASE_URL: gateway.url, KMLTTB_SMS_USERNAME: 'sandbox', KMLTTB_SMS_API_KEY: 'test-key' } };
  },
  after: async () => {
    await gateway?.close();
  },
});

function setup(): { url: string; sim: SmsGatewaySimulator; browser: TestBrowser } {
  const { url, browser } = demo.setup();
  if (!gateway) throw new Error('setup failed');
  return { url, sim: gateway, browser };
}

/** Submitted applications with valid and distinct phone numbers, oldest first. */
async function submittedWithPhones(page: Page, n: number): Promise<ApplicationRow[]> {
  const { rows } = await apiQuery(page, 'applications.list', { state: 'submitted', pageSize: 200 });
  const phones = new Set<string>();
  const picked = rows.filter((r) => {
    const phone = normalisePhone(r.phone);
    if (!phone.ok || phones.has(phone.msisdn)) return false;
    phones.add(phone.msisdn);
    return true;
  });
  expect(picked.length).toBeGreaterThanOrEqual(n);
  return picked.slice(0, n);
}

/** Phones of applications already picked by earlier tests, so each test's messages are its own. */
const used = new Set<string>();
async function freshApplications(page: Page, n: number): Promise<ApplicationRow[]> {
  const rows = (await submittedWithPhones(page, n + used.size)).filter((r) => !used.has(r.id)).slice(0, n);
  rows.forEach((r) => used.add(r.id));
  return rows;
}

/**
 * Where each test starts, seen from its own tab: the queue not paused (a test may leave it
 * paused; an administrator resumes it) and empty, so the messages a test counts are its own.
 */
async function queueRunning(page: Page, browser: TestBrowser, url: string): Promise<SmsSummary> {
  if ((await apiQuery(page, 'sms.summary', {})).paused) {
    const admin = await signIn(browser.context, url, 'admin');
    await apiCommand(admin, 'sms.resume', {});
    await admin.close();
  }
  return queueSettled(page);
}

const RETURN_REASON = 'Please attach your CPD certificates and resubmit.';

/** The queue paused by the gateway (no balance left) with one message waiting: an application's return, by an officer. */
async function pausedWithOneWaiting(page: Page, sim: SmsGatewaySimulator, browser: TestBrowser, url: string): Promise<void> {
  await queueRunning(page, browser, url);
  const officer = await signIn(browser.context, url, 'officer');
  const [returned] = await freshApplications(officer, 1);
  sim.script({ kind: 'recipient', statusCode: 405, status: 'InsufficientBalance' });
  await apiCommand(officer, 'application.return', { applicationId: returned!.id, reason: RETURN_REASON });
  await officer.close();
  await waitFor(
    () => apiQuery(page, 'sms.summary', {}),
    (s) => s.paused !== null,
    'the queue to pause',
  );
}

function pending(page: Page) {
  return page.getByRole('group', { name: 'Pending SMS' });
}

describe('browser mode: SMS through the gateway', () => {
  it('an approval sends exactly one SMS, with the amount and bill reference, and the SMS screen shows it sent', async () => {
    const { url, sim, browser } = setup();
    const page = await signIn(browser.context, url, 'officer');

    // The demo's own decisions queued SMS, which the worker sends as soon as the desk starts.
    const settled = await queueRunning(page, browser, url);
    expect(settled.gatewayConfigured).toBe(true);
    const baseline = sim.requests.length;
    expect(baseline).toBeGreaterThan(0);
    // Every message the demo left queued went to the simulator (the demo's older ones it sent itself).
    expect((await apiQuery(page, 'sms.list', { state: 'queued', pageSize: 1 })).total).toBe(0);
    await waitFor(
      () => pending(page).innerText(),
      (t) => /0 queued, \d+ failed, 0 uncertain/.test(t),
      'the header to show an empty queue',
    );
    expect(await pending(page).innerText()).not.toContain('not configured');

    // Approve one application on screen.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Applications', exact: true }).click(); // Sign-in lands on the Dashboard.
    const [app] = (await freshApplications(page, 1)) as [ApplicationRow];
    const ref = app.applicationRef;
    await searchFor(page, ref);
    await applicationsGrid(page).getByRole('button', { name: ref }).click();
    await page.getByRole('button', { name: 'Approve', exact: true }).click();
    await page.getByLabel('Reason').fill('Register and CPD checked.');
    const preview = page.getByRole('region', { name: 'SMS preview' });
    await preview.locator('blockquote').filter({ hasText: ref }).waitFor();
    const phone = ((await preview.getByRole('heading').textContent()) ?? '').replace(/^.*:\s*/, '').trim();
    expect(phone).toMatch(/^0[17]\d{2} \d{3} \d{3}$/);
    await page.getByRole('button', { name: 'Confirm' }).click();
    const news = await waitFor(
      () => statusText(page),
      (t) => t.includes(`${ref} approved`),
      'the approval to be announced',
    );
    const [, billRef = '', amount = ''] = /Bill reference (\S+), (KES [\d,]+\.\d{2})/.exec(news) ?? [];
    expect(billRef, news).not.toBe('');

    // The gateway gets exactly one more request: this applicant, this amount and bill reference.
    await sim.waitForRequests(baseline + 1, 15_000);
    await smsInState(page, ref, 'approved', 'sent');
    await queueSettled(page);
    expect(sim.requests.length).toBe(baseline + 1);
    const request = sim.requests[baseline]!;
    expect(request.path).toBe('/version1/messaging');
    expect(request.headers.apikey).toBe('test-key');
    expect(request.form.username).toBe('sandbox');
    expect(request.form.to).toBe(gatewayForm(phone));
    expect(request.form.to).toMatch(/^\+254[17]\d{8}$/);
    expect(request.form.message).toContain(amount);
    expect(request.form.message).toContain(billRef);

    // The SMS screen: the message is sent, with the gateway's id and cost and its one attempt.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'SMS', exact: true }).click();
    const row = await openSms(page, ref, 'Approved', 'Sent');
    expect(row[1]).toBe(phone);
    expect(row[6]).toBe(request.form.message);
    expect(await smsPanel(page).getByRole('heading', { level: 2 }).innerText()).toBe(`SMS to ${phone}`);
    expect(await smsDetailValue(page, 'Gateway message id').innerText()).toMatch(/^ATXid_sim\d+$/);
    expect(await smsDetailValue(page, 'Cost').innerText()).toBe('KES 0.8000');
    expect(await smsDetailValue(page, 'Parts').innerText()).toMatch(/^\d \((GSM-7|UCS-2)\)$/);
    expect(await smsDetailValue(page, 'Sent').innerText()).not.toBe('—');
    const attempts = await attemptRows(page);
    expect(attempts).toHaveLength(1);
    expect(attempts[0]?.slice(2, 4)).toEqual(['Sent', '101']);
    expect(await smsPanel(page).getByRole('button', { name: 'Resend' }).count()).toBe(0);
    expect(await smsPanel(page).getByRole('button', { name: 'Cancel' }).count()).toBe(0);
    await screenshot(page, 'sms-sent');

    // The date range is in Nairobi days: today holds the message, tomorrow nothing.
    await page.getByLabel('From').fill(formatDayMonthYear(nairobiDay(0)));
    await page.getByLabel('To').fill(formatDayMonthYear(nairobiDay(0)));
    await waitFor(
      () => smsGridRows(page),
      (r) => r.length === 1 && r[0]?.[2] === ref,
      'today to keep the message',
    );
    await page.getByLabel('From').fill(formatDayMonthYear(nairobiDay(1)));
    await page.getByLabel('To').fill(formatDayMonthYear(nairobiDay(1)));
    await waitFor(
      () => smsGridRows(page),
      (r) => r.length === 1 && r[0]?.[0] === 'No messages match.',
      'tomorrow to hold no message',
    );
    await page.getByLabel('From').fill(formatDayMonthYear(nairobiDay(2)));
    await page.getByText('From is after To: no message can match.').waitFor();
    expect(errorsOf(page)).toEqual([]);
    await page.close();
  });

  it('an officer resends a failed SMS with a reason, and cancels one waiting in a paused queue', async () => {
    const { url, sim, browser } = setup();
    const page = await signIn(browser.context, url, 'officer');
    await queueRunning(page, browser, url);
    const start = sim.requests.length;
    const [a, b, c] = (await freshApplications(page, 3)) as [ApplicationRow, ApplicationRow, ApplicationRow];

    // The gateway refuses the number: the message fails with the gateway's reason.
    sim.script({ kind: 'recipient', statusCode: 403, status: 'InvalidPhoneNumber' });
    await apiCommand(page, 'application.reject', { applicationId: a.id, reason: 'CPD certificates are missing.' });
    await smsInState(page, a.applicationRef, 'rejected', 'failed');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'SMS', exact: true }).click();
    await openSms(page, a.applicationRef, 'Rejected', 'Failed');
    expect(await smsDetailValue(page, 'Failure reason').innerText()).toContain('InvalidPhoneNumber');
    expect((await attemptRows(page))[0]?.slice(2, 4)).toEqual(['Failed', '403']);
    expect(await smsPanel(page).getByRole('button', { name: 'Cancel' }).count()).toBe(0);
    await smsPanel(page).getByRole('button', { name: 'Resend' }).click();
    await smsPanel(page).getByRole('button', { name: 'Confirm' }).click();
    await smsPanel(page).getByText('Give a reason of at least 3 characters').waitFor();
    expect(sim.requests.length).toBe(start + 1);
    await smsPanel(page).getByLabel('Reason').fill('The applicant confirmed the number by phone.');
    await screenshot(page, 'sms-resend');
    await smsPanel(page).getByRole('button', { name: 'Confirm' }).click();
    await waitFor(
      () => statusText(page),
      (t) => t.includes('queued to be sent again'),
      'the resend to be announced',
    );
    await sim.waitForRequests(start + 2, 15_000);
    await panelState(page, 'Sent');
    expect((await attemptRows(page)).map((r) => r[2])).toEqual(['Failed', 'Sent']);

    // No balance: the queue pauses, says why, and what comes next waits in it.
    sim.script({ kind: 'recipient', statusCode: 405, status: 'InsufficientBalance' });
    await apiCommand(page, 'application.return', { applicationId: b.id, reason: RETURN_REASON });
    await waitFor(
      () => apiQuery(page, 'sms.summary', {}),
      (s) => s.paused !== null,
      'the queue to pause',
    );
    await apiCommand(page, 'application.reject', { applicationId: c.id, reason: 'Not found on the register of the Board.' });
    const alert = pending(page).getByRole('alert');
    await waitFor(
      () => alert.innerText().catch(() => ''),
      (t) => t.startsWith('SMS sending is paused: InsufficientBalance (405)'),
      'the paused alert',
      25_000,
    );
    expect(await pending(page).getByRole('button', { name: 'Resume sending' }).count()).toBe(0);

    await openSms(page, c.applicationRef, 'Rejected', 'Queued');
    expect(await smsPanel(page).getByRole('button', { name: 'Resend' }).count()).toBe(0);
    await smsPanel(page).getByRole('button', { name: 'Cancel' }).click();
    await smsPanel(page).getByLabel('Reason').fill('The applicant was told in person.');
    await smsPanel(page).getByRole('button', { name: 'Confirm' }).click();
    await waitFor(
      () => statusText(page),
      (t) => t.includes('cancelled'),
      'the cancellation to be announced',
    );
    await panelState(page, 'Cancelled');
    expect(await smsDetailValue(page, 'Failure reason').innerText()).toBe('Cancelled: The applicant was told in person.');
    await screenshot(page, 'sms-paused');
    expect(sim.requests.length).toBe(start + 3);
    expect(errorsOf(page)).toEqual([]);
    await page.close();
  });

  it('an administrator resumes the paused queue and edits a template: unknown placeholders are refused, a valid edit is saved with its length', async () => {
    const { url, sim, browser } = setup();
    const page = await signIn(browser.context, url, 'admin');
    await pausedWithOneWaiting(page, sim, browser, url);
    const start = sim.requests.length;

    // Resume: the waiting message goes.
    const alert = pending(page).getByRole('alert');
    await alert.getByText(/^SMS sending is paused: /).waitFor();
    await pending(page).getByRole('button', { name: 'Resume sending' }).click();
    await waitFor(
      () => statusText(page),
      (t) => t.includes('SMS sending resumed.'),
      'the resume to be announced',
    );
    await alert.waitFor({ state: 'detached' });
    await sim.waitForRequests(start + 1, 15_000);
    await queueSettled(page);
    expect(sim.requests.length).toBe(start + 1);
    expect(sim.requests.at(-1)?.form.message).toContain(RETURN_REASON);

    // The templates: every event in English and Kiswahili.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('link', { name: 'SMS templates' }).click();
    const templates = page.getByRole('table', { name: 'SMS templates' });
    await templates.getByRole('button', { name: 'Edit Approved (English)' }).waitFor();
    expect(await templates.locator('tbody tr').count()).toBe(10);
    await screenshot(page, 'settings-sms-templates');

    await templates.getByRole('button', { name: 'Edit Approved (English)' }).click();
    const body = page.getByLabel('Approved (English)', { exact: true });
    const save = page.getByRole('button', { name: 'Save template' });
    const length = page.getByRole('region', { name: 'Template preview' }).locator('.sms-length strong');

    await body.fill('Dear {name}, licence {licence_no} is ready. Pay {amount} to bill reference {billRef}.');
    await page.getByText('Unknown placeholder {licence_no}: use only the placeholders listed.').waitFor();
    expect(await save.isDisabled()).toBe(true);

    // A body that the server refuses (too short) shows its error next to the field.
    await body.fill('Hi {name}');
    await save.click();
    await page.getByText('A template needs at least 10 characters').waitFor();

    // Over one part: the editor warns.
    await body.fill(`Dear {name}, ${'your application is approved. '.repeat(6)}`);
    await page.getByText(/Over one SMS part/).waitFor();

    // A valid edit, with a placeholder inserted by click and characters that count twice.
    const text = 'Dear {name}, {ref} is approved [KMLTTB]. Pay {amount} to bill reference {billRef} for ';
    await body.fill(text);
    await page.getByRole('button', { name: /^Insert \{year\}/ }).click();
    const final = `${text}{year}`;
    expect(await body.inputValue()).toBe(final);
    const expected = smsLength(renderSms(final, SAMPLE_VALUES));
    expect(expected.parts).toBe(1);
    expect(await length.innerText()).toBe(`${expected.units} characters, 1 SMS part (${expected.encoding})`);
    expect(await page.getByRole('region', { name: 'Template preview' }).getByRole('blockquote').innerText()).toBe(renderSms(final, SAMPLE_VALUES));
    await page.getByText('counts as two characters').waitFor();
    await screenshot(page, 'sms-template-editor');
    await save.click();
    await waitFor(
      () => statusText(page),
      (t) => t.includes(`SMS template Approved (English) saved: ${expected.units} characters, 1 SMS part`),
      'the save to be announced',
    );
    const saved = templates.locator('tbody tr').filter({ has: page.getByRole('button', { name: 'Edit Approved (English)' }) });
    expect(await saved.locator('td').nth(2).innerText()).toBe(final);
    expect(await saved.locator('td').nth(3).innerText()).toBe(`${expected.units} characters, 1 part (${expected.encoding})`);

    // The gateway's API key is never shown: only that it is set, here by the environment, which
    // the form names (a value saved on screen would not be used while it is set).
    await page.getByRole('link', { name: 'SMS gateway' }).click();
    const gatewayForm = page.getByRole('form', { name: 'SMS gateway' });
    await gatewayForm.getByText('API key: Set').waitFor();
    expect(await gatewayForm.getByRole('button', { name: 'Replace API key' }).isDisabled()).toBe(true);
    await gatewayForm.locator('.setting-env', { hasText: 'Given by KMLTTB_SMS_API_KEY in the environment' }).waitFor();
    expect(await gatewayForm.getByLabel('Username').inputValue()).toBe('sandbox');
    expect(await page.content()).not.toContain('test-key');
    expect(errorsOf(page)).toEqual([]);
    await page.close();
  });
});
