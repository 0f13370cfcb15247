import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { errorsOf, launchBrowser, screenshot, type TestBrowser } from './support/browser.js';
import { ensureRendererBuilt } from './support/build.js';
import { makeDataDir, startWeb, type WebDesk } from './support/desk.js';
import { CLI, REPO } from './support/paths.js';
import { applicationsGrid, gridRefs, waitFor } from './support/ui.js';

const run = promisify(execFile);
const ADMIN = { username: 'ada', fullName: 'Ada Wanjiru', password: 'long enough password' };

let browser: TestBrowser | undefined;
const started: { desk: WebDesk; dataDir: string }[] = [];

beforeAll(async () => {
  ensureRendererBuilt();
  browser = await launchBrowser();
});
afterEach(async () => {
  for (const { desk, dataDir } of started.splice(0)) {
    await desk.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
afterAll(async () => {
  await browser?.close();
});

/** `kmlttb web` on a data folder (fresh unless given), with the code it printed on its `First-run code:` line. */
async function newDesk(dataDir = makeDataDir()): Promise<WebDesk & { firstRunCode: string }> {
  const desk = await startWeb(dataDir);
  started.push({ desk, dataDir });
  if (!desk.firstRunCode) throw new Error('kmlttb web printed no "First-run code:" line on a desk without an administrator.');
  return { ...desk, firstRunCode: desk.firstRunCode };
}

/** A new tab on the desk's first-run screen. */
async function openFirstRun(url: string): Promise<Page> {
  const page = await browser!.context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(url);
  await page.getByRole('heading', { name: 'Set up this desk' }).waitFor();
  return page;
}

async function fillFirstRun(page: Page, code: string, options: { demo?: boolean } = {}): Promise<void> {
  await page.getByLabel('Username').fill(ADMIN.username);
  await page.getByLabel('Full name').fill(ADMIN.fullName);
  await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await page.getByLabel('Confirm password').fill(ADMIN.password);
  await page.getByLabel('One-time code').fill(code);
  if (options.demo) await page.getByLabel('Fill with demo data').check();
}

async function expectDashboard(page: Page, deadlineMs = 15_000): Promise<void> {
  await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor({ timeout: deadlineMs });
  const nav = page.getByRole('navigation', { name: 'Main' });
  expect(await nav.getByRole('link', { name: 'Dashboard' }).getAttribute('aria-current')).toBe('page');
  expect(await page.getByText(`Welcome, ${ADMIN.fullName}`).count()).toBe(1);
}

describe('browser mode: the first run on a new data folder', () => {
  it('asks for the code kmlttb web printed, refuses a wrong one, and with the right one ends signed in on the Dashboard', async () => {
    const desk = await newDesk();
    expect(desk.firstRunCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const page = await openFirstRun(desk.url);
    await screenshot(page, 'first-run');

    await fillFirstRun(page, 'WRONG-CODE-1234');
    await page.getByRole('button', { name: 'Create administrator' }).click();
    await page.getByRole('alert').filter({ hasText: 'That one-time code is not right.' }).waitFor();
    expect(await page.getByLabel('One-time code').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('One-time code').fill(desk.firstRunCode);
    await page.getByRole('button', { name: 'Create administrator' }).click();
    await expectDashboard(page);
    // Signed in for real: a reload keeps the session (this tab's token).
    await page.reload();
    await expectDashboard(page);
    expect(errorsOf(page)).toEqual([]);
    await page.close();
  });

  it('with Fill with demo data, ends signed in on the Dashboard and the applications grid shows rows', async () => {
    const desk = await newDesk();
    const page = await openFirstRun(desk.url);
    await fillFirstRun(page, desk.firstRunCode, { demo: true });
    await page.getByRole('button', { name: 'Create administrator' }).click();
    await expectDashboard(page, 45_000);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Applications', exact: true }).click();
    const refs = await waitFor(
      () => gridRefs(page),
      (r) => r.length > 0,
      'the applications grid to show the demo data',
    );
    expect(refs.length).toBeGreaterThan(0);
    expect(await applicationsGrid(page).locator('tbody tr').count()).toBeGreaterThan(0);
    expect(errorsOf(page)).toEqual([]);
    await page.close();
  });

  it('when the demo data fails, says so and offers Sign in; the new administrator signs in to the Dashboard', async () => {
    // A user 'officer' who is an auditor: the demo's officer may not decide, so the demo stops.
    const dataDir = makeDataDir();
    const passwordFile = path.join(dataDir, 'auditor-password');
    fs.writeFileSync(passwordFile, 'auditor-password-123\n');
    await run(
      process.execPath,
      [CLI, 'users', 'add', '--data', dataDir, '--username', 'officer', '--name', 'Not An Officer', '--role', 'auditor', '--password-file', passwordFile],
      { cwd: REPO },
    );
    const desk = await newDesk(dataDir);
    const page = await openFirstRun(desk.url);
    await fillFirstRun(page, desk.firstRunCode, { demo: true });
    await page.getByRole('button', { name: 'Create administrator' }).click();

    await page.getByRole('heading', { name: 'Sign in' }).waitFor({ timeout: 45_000 });
    const notice = page.getByRole('alert');
    expect(await notice.innerText()).toMatch(
      /^Your administrator account 'ada' was created, but the demo data could not be made: .+ Sign in with your new account\.$/,
    );
    await page.getByLabel('Username').fill(ADMIN.username);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectDashboard(page);
    expect(errorsOf(page)).toEqual([]);
    await page.close();
  });

  it('when an administrator was made meanwhile (another tab), offers Sign in instead of a dead end', async () => {
    const desk = await newDesk();
    const page = await openFirstRun(desk.url);
    // Another tab, or a program on this machine, creates the administrator first.
    const other = await fetch(`${desk.url}/api/first-run`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...ADMIN, demo: false, code: desk.firstRunCode }),
    });
    expect(other.status).toBe(200);

    await fillFirstRun(page, desk.firstRunCode);
    await page.getByRole('button', { name: 'Create administrator' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.getByRole('alert').innerText()).toBe('An administrator exists already: sign in instead.');
    await page.getByLabel('Username').fill(ADMIN.username);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectDashboard(page);
    await page.close();
  });
});
