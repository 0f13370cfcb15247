import { openFolderDatabase } from '../support/databaseFile.js';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, signIn, type TestBrowser } from './support/browser.js';
import { ensureRendererBuilt } from './support/build.js';
import { makeDataDir, runDemo, startCentral, startWeb, type WebDesk } from './support/desk.js';
import { CLI, REPO } from './support/paths.js';
import { applicationsGrid, gridRefs, searchFor, statusText, waitFor } from './support/ui.js';

const run = promisify(execFile);
const serverDir = makeDataDir();
const deskDir = makeDataDir();
let server: WebDesk | undefined;
let desk: WebDesk | undefined;
let browser: TestBrowser | undefined;

beforeAll(async () => {
  ensureRendererBuilt();
  await runDemo(serverDir, 40, 11);
  const passwordFile = path.join(deskDir, 'root-password');
  fs.writeFileSync(passwordFile, 'root-password-123\n');
  await run(process.execPath, [CLI, 'init', '--data', deskDir, '--admin', 'root', '--password-file', passwordFile], { cwd: REPO });
  server = await startCentral(serverDir);
  desk = await startWeb(deskDir);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await desk?.stop();
  await server?.stop();
  for (const dir of [serverDir, deskDir]) fs.rmSync(dir, { recursive: true, force: true });
});

/** An application's state on the central service, read from its database file. */
function serverState(ref: string): string | undefined {
  const db = openFolderDatabase(serverDir, { readonly: true });
  try {
    return db.prepare('SELECT state FROM applications WHERE application_ref = ?').pluck().get(ref) as string | undefined;
  } finally {
    db.close();
  }
}

describe('browser mode: a desk joins the central service', () => {
  it('an admin joins it from Settings; an officer of the service signs in, sees its queue, and an approval reaches the service', async () => {
    const page = await signIn(browser!.context, desk!.url, 'root', { password: 'root-password-123' });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('list', { name: 'Settings sections' }).getByRole('link', { name: 'Sync' }).click();
    await page.getByLabel('Server address').fill(server!.url);
    await page.getByLabel('Desk name').fill('Nakuru desk');
    await page.getByLabel('Username on the service').fill('admin');
    await page.getByLabel('Password on the service').fill('demo-password');
    await screenshot(page, 'settings-sync');
    await page.getByRole('button', { name: 'Join' }).click();
    await page.getByText(/Joining replaces this desk's user accounts/).waitFor();
    await page.getByRole('button', { name: 'Join' }).click();
    // Joined: the desk's own accounts are gone, so everyone signs in again with the service's.
    // (Exact: the join form's own "Username on the service" would match at once, before the join ends.)
    await page.getByRole('button', { name: 'Sign in' }).waitFor({ timeout: 30_000 });

    const officer = await signIn(browser!.context, desk!.url, 'officer');
    const sync = officer.getByRole('group', { name: 'Sync' });
    await waitFor(
      async () => (await sync.textContent()) ?? '',
      (t) => t.includes('Online') && t.includes('0 changes waiting'),
      'the desk to be online and synced',
      30_000,
    );
    await officer.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Applications', exact: true }).click();
    const [ref] = (await waitFor(
      () => gridRefs(officer),
      (refs) => refs.length > 0,
      "the service's queue on this desk",
      30_000,
    )) as [string];
    expect(serverState(ref)).toBe('submitted');

    await searchFor(officer, ref);
    await applicationsGrid(officer).getByRole('button', { name: ref }).click();
    await officer.getByRole('button', { name: 'Approve', exact: true }).click();
    await officer.getByLabel('Reason').fill('Register and CPD checked.');
    await officer.getByRole('button', { name: 'Confirm' }).click();
    await waitFor(
      () => statusText(officer),
      (t) => t.includes(`${ref} approved`),
      'the approval to be announced',
    );
    await waitFor(
      async () => serverState(ref),
      (s) => s === 'approved',
      'the approval to reach the central service',
      30_000,
    );
    await waitFor(
      async () => (await sync.textContent()) ?? '',
      (t) => t.includes('0 changes waiting'),
      'the outbox to empty',
      30_000,
    );
    await screenshot(officer, 'sync-online');
  });
});
