import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatNairobiSince } from '../../src/shared/time.js';
import { startSmsGatewaySimulator, type SmsGatewaySimulator } from '../fixtures/smsGatewaySimulator.js';
import { apiCommand, apiQuery } from './support/api.js';
import { errorsOf, launchBrowser, screenshot, signIn, type TestBrowser } from './support/browser.js';
import { ensureRendererBuilt } from './support/build.js';
import { makeDataDir, runDemo, startWeb, type WebDesk } from './support/desk.js';
import { CLI, REPO } from './support/paths.js';
import { recordStatus, statusText, waitFor } from './support/ui.js';

const run = promisify(execFile);
const API_KEY = 'atsk_e2e_never_shown_7d31';

let sim: SmsGatewaySimulator;
let dataDir: string;
let desk: WebDesk | undefined;
let browser: TestBrowser | undefined;
let unreachable: string;

/** An address on this computer where nothing listens: taken from the system, then let go. */
async function closedAddress(): Promise<string> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

beforeAll(async () => {
  ensureRendererBuilt();
  sim = await startSmsGatewaySimulator();
  unreachable = await closedAddress();
  dataDir = makeDataDir();
  // The demo leaves its latest decisions' SMS queued; the gateway is set where nothing answers.
  await runDemo(dataDir, 30, 17);
  const settings = { 'sms.baseUrl': unreachable, 'sms.username': 'kmlttb', 'sms.apiKey': API_KEY, 'sms.senderId': 'KMLTTB', 'sms.requestTimeoutSeconds': '5' };
  for (const [key, value] of Object.entries(settings)) {
    await run(process.execPath, [CLI, '--data', dataDir, 'config', 'set', key, value], { cwd: REPO });
  }
  desk = await startWeb(dataDir);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await desk?.stop();
  await sim?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

function setup(): { url: string; browser: TestBrowser } {
  if (!desk || !browser) throw new Error('setup failed');
  return { url: desk.url, browser };
}

/**
 * Where the gateway tests start: its address where nothing answers, messages waiting, and the
 * gateway found unreachable. The desk starts so; the test SMS test corrects the address and sends
 * the queue, so this puts the address back and, when nothing waits, rejects an application.
 */
async function gatewayUnreachable(url: string, browser: TestBrowser): Promise<void> {
  const admin = await signIn(browser.context, url, 'admin');
  await apiCommand(admin, 'setting.set', { key: 'sms.baseUrl', value: unreachable });
  if ((await apiQuery(admin, 'sms.summary', {})).queued === 0) {
    const officer = await signIn(browser.context, url, 'officer');
    const [submitted] = (await apiQuery(officer, 'applications.list', { state: 'submitted', pageSize: 1 })).rows;
    await apiCommand(officer, 'application.reject', { applicationId: submitted!.id, reason: 'Not found on the register of the Board.' });
    await officer.close();
  }
  await waitFor(
    () => apiQuery(admin, 'sms.summary', {}),
    (s) => s.queued > 0 && s.gateway.state === 'unreachable',
    'the gateway to be found unreachable',
    30_000,
  );
  await admin.close();
}

function pending(page: Page) {
  return page.getByRole('group', { name: 'Pending SMS' });
}

describe("browser mode: the SMS gateway's health and a test SMS", () => {
  it('the header says the gateway cannot be reached, since when, and how many messages wait', async () => {
    const { url, browser } = setup();
    await gatewayUnreachable(url, browser);
    const page = await signIn(browser.context, url, 'officer');
    const text = await waitFor(
      () => pending(page).innerText(),
      (t) => t.includes('SMS gateway unreachable since'),
      'the header to show the unreachable gateway',
      30_000,
    );
    const summary = await apiQuery(page, 'sms.summary', {});
    expect(summary.gateway).toMatchObject({ state: 'unreachable', reason: 'Could not reach the gateway (ECONNREFUSED)' });
    expect(summary.queued).toBeGreaterThan(0);
    expect(text).toContain(`SMS gateway unreachable since ${formatNairobiSince(summary.gateway.since, summary.at)} — ${summary.queued} waiting`);
    expect(text).toContain('Could not reach the gateway (ECONNREFUSED)');
    expect(text).toMatch(new RegExp(`SMS: ${summary.queued} queued`));
    await screenshot(page, 'sms-gateway-unreachable');
    expect(errorsOf(page)).toEqual([]);
    await page.close();
  });

  it("an administrator sends a test SMS from Settings: the failure's reason, then, with the gateway's address corrected, its message id; the header recovers and says so", async () => {
    const { url, browser } = setup();
    await gatewayUnreachable(url, browser);
    const page = await signIn(browser.context, url, 'admin');
    await waitFor(
      () => pending(page).innerText(),
      (t) => t.includes('SMS gateway unreachable since'),
      'the header to show the unreachable gateway',
    );
    // Only this test corrects the address: until it does, no message has ever gone.
    expect((await apiQuery(page, 'sms.summary', {})).gateway).toMatchObject({ state: 'unreachable', lastSuccessAt: null });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('link', { name: 'SMS gateway' }).click();
    const gatewayForm = page.getByRole('form', { name: 'SMS gateway' });
    await gatewayForm.getByLabel('Gateway address').waitFor();

    // The API key is never shown: only that it is set, and a way to replace it.
    await gatewayForm.getByText('API key: Set').waitFor();
    expect(await page.content()).not.toContain(API_KEY);
    await gatewayForm.getByRole('button', { name: 'Replace API key' }).click();
    const newKey = gatewayForm.getByLabel('New API key');
    expect(await newKey.getAttribute('type')).toBe('password');
    expect(await newKey.inputValue()).toBe('');
    await gatewayForm.getByRole('button', { name: 'Keep the current API key' }).click();

    // The sandbox switch sets the sandbox's address and username; off again, the live address.
    const address = gatewayForm.getByLabel('Gateway address');
    const username = gatewayForm.getByLabel('Username');
    expect(await address.inputValue()).toBe(unreachable);
    await gatewayForm.getByLabel("Use the Africa's Talking sandbox").check();
    expect([await address.inputValue(), await username.inputValue()]).toEqual(['https://api.sandbox.africastalking.com', 'sandbox']);
    expect([await address.isDisabled(), await username.isDisabled()]).toEqual([true, true]);
    await gatewayForm.getByLabel("Use the Africa's Talking sandbox").uncheck();
    expect([await address.inputValue(), await username.inputValue()]).toEqual(['https://api.africastalking.com', 'kmlttb']);

    // A test through the saved settings: the gateway cannot be reached, and the form says why.
    await address.fill(unreachable);
    const testForm = page.getByRole('form', { name: 'Send a test SMS' });
    await testForm.getByLabel('Phone number for the test').fill('0712 345 678');
    await testForm.getByRole('button', { name: 'Send a test SMS' }).click();
    await testForm.getByRole('alert').getByText("Not sent to 0712 345 678. The gateway's answer: Could not reach the gateway (ECONNREFUSED)").waitFor();
    await waitFor(
      () => statusText(page),
      (t) => t === 'Test SMS to 0712 345 678 not sent: Could not reach the gateway (ECONNREFUSED)',
      'the failure to be announced',
    );
    expect(sim.requests).toHaveLength(0);

    // A number that is not a Kenyan mobile is refused at the field.
    await testForm.getByLabel('Phone number for the test').fill('020 123 4567');
    await testForm.getByRole('button', { name: 'Send a test SMS' }).click();
    await testForm.getByText("'020 123 4567' cannot be sent to: it is not a Kenyan mobile number. Type it like 0712 345 678.").waitFor();

    // The address corrected and saved with the group's one Save: the worker tries the waiting
    // messages with it at once, and the header says that the gateway works again.
    await address.fill(sim.url);
    const unsaved = testForm.getByText('The test uses the saved settings: save your changes first.');
    await unsaved.waitFor();
    // "Settings saved" may come after the recovery's news and replace it: both are told.
    const announced = await recordStatus(page);
    await gatewayForm.getByRole('button', { name: 'Save SMS gateway' }).click();
    await unsaved.waitFor({ state: 'detached' });
    expect((await apiQuery(page, 'settings.list', {})).find((s) => s.key === 'sms.baseUrl')?.value).toBe(sim.url);
    await waitFor(
      announced,
      (seen) => seen.includes('The SMS gateway works again: waiting messages are being sent.') && seen.includes('SMS gateway settings saved.'),
      'the save and the recovery to be announced',
      30_000,
    );
    await waitFor(
      () => pending(page).innerText(),
      (t) => !t.includes('unreachable') && /SMS: 0 queued/.test(t),
      'the header to show the queue sent',
      30_000,
    );
    expect((await apiQuery(page, 'sms.summary', {})).gateway).toMatchObject({ state: 'ok', since: null });
    const queueSent = sim.requests.length;
    expect(queueSent).toBeGreaterThan(0);

    // The test again: sent, with the gateway's message id.
    await testForm.getByLabel('Phone number for the test').fill('+254 712 345 678');
    await testForm.getByRole('button', { name: 'Send a test SMS' }).click();
    const sent = testForm.locator('.sms-test-result.sent');
    await sent.waitFor();
    const messageId = (await sent.locator('.mono').innerText()).trim();
    expect(messageId).toMatch(/^ATXid_sim\d+$/);
    expect(await sent.innerText()).toContain(`Sent to 0712 345 678. Gateway message id: ${messageId}`);
    await waitFor(
      () => statusText(page),
      (t) => t === `Test SMS sent to 0712 345 678: gateway message id ${messageId}.`,
      'the test SMS to be announced',
    );
    expect(sim.requests).toHaveLength(queueSent + 1);
    const test = sim.requests[queueSent]!;
    expect(test.form).toMatchObject({ username: 'kmlttb', to: '+254712345678', from: 'KMLTTB' });
    expect(test.form.message).toMatch(/^KMLTTB Licensing Desk: test SMS from .+, sent by .+ on \d{2} \w{3} \d{4}, \d{2}:\d{2}\. No reply is needed\.$/);
    expect(sim.requests.slice(0, queueSent).every((r) => !r.form.message!.includes('test SMS'))).toBe(true);
    await screenshot(page, 'settings-sms-gateway');

    // The test is in the audit trail, and is no applicant's message.
    const audit = await apiQuery(page, 'audit.list', { pageSize: 20 });
    expect(audit.rows.filter((r) => r.action === 'sms.sendTest').map((r) => r.summary)).toEqual([
      `Test SMS to 0712 345 678 through ${sim.url} as kmlttb`,
      `Test SMS to 0712 345 678 through ${unreachable} as kmlttb`,
    ]);
    expect((await apiQuery(page, 'sms.list', { search: '0712345678', pageSize: 5 })).rows.map((r) => r.text)).not.toContainEqual(
      expect.stringContaining('test SMS'),
    );
    expect(errorsOf(page)).toEqual([]);
    await page.close();
  });

  it('the other settings are in groups named for people, each saved with its own Save, secrets never shown', async () => {
    const { url, browser } = setup();
    const page = await signIn(browser.context, url, 'admin');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('link', { name: 'General' }).click();
    for (const group of ['This desk', 'Review', 'Payments', 'Licences', 'Sessions', 'Sync', 'Central service']) {
      await page.getByRole('form', { name: group }).waitFor();
    }
    const review = page.getByRole('form', { name: 'Review' });
    const save = review.getByRole('button', { name: 'Save Review' });
    expect(await save.isDisabled()).toBe(true);
    await review.getByLabel('CPD points expected').fill('lots');
    await save.click();
    await review.getByText('review.cpdThreshold must be a whole number from 0 to 1000.').waitFor();
    await review.getByLabel('CPD points expected').fill('25');
    await save.click();
    await waitFor(
      () => statusText(page),
      (t) => t === 'Review settings saved.',
      'the save to be announced',
    );
    const stored = (await apiQuery(page, 'settings.list', {})).find((s) => s.key === 'review.cpdThreshold');
    expect(stored).toMatchObject({ value: '25', placeholder: false });

    const service = page.getByRole('form', { name: 'Central service' });
    await service.getByLabel('eCitizen shared secret (not set)').fill('shared-secret-e2e-4410');
    await service.getByRole('button', { name: 'Save Central service' }).click();
    await waitFor(
      () => statusText(page),
      (t) => t === 'Central service settings saved.',
      'the save to be announced',
    );
    await service.getByText('eCitizen shared secret: Set').waitFor();
    expect(await page.content()).not.toContain('shared-secret-e2e-4410');
    await screenshot(page, 'settings-general');
    expect(errorsOf(page)).toEqual([]);
    await page.close();
  });
});
