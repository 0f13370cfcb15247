import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, signIn, type TestBrowser } from './support/browser.js';
import { ensureRendererBuilt } from './support/build.js';
import { makeDataDir, runDemo, startCentral, startWeb, type WebDesk } from './support/desk.js';
import { CLI, REPO } from './support/paths.js';
import { statusText, waitFor } from './support/ui.js';

const run = promisify(execFile);
const serverDir = makeDataDir();
const deskDir = makeDataDir();
const otherDir = makeDataDir();
let server: WebDesk | undefined;
let desk: WebDesk | undefined;
let other: WebDesk | undefined;
let browser: TestBrowser | undefined;

/** `kmlttb --data DIR [GLOBAL] sync [OPTIONS]`: its exit code and what it printed. */
async function cliSync(dir: string, global: string[] = [], options: string[] = []): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, '--data', dir, ...global, 'sync', ...options], { cwd: REPO, timeout: 60_000 });
    return { code: 0, output: stdout + stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

/** A desk folder named `name` that joined the service from the command line as its admin. */
async function joinFromCli(dir: string, name: string, url: string): Promise<void> {
  const passwordFile = path.join(dir, 'admin-password');
  fs.writeFileSync(passwordFile, 'demo-password\n');
  await run(process.execPath, [CLI, '--data', dir, 'config', 'set', 'desk.name', name], { cwd: REPO });
  const joined = await cliSync(dir, ['--user', 'admin', '--password-file', passwordFile], ['--server', url]);
  expect(joined, joined.output).toMatchObject({ code: 0 });
}

beforeAll(async () => {
  ensureRendererBuilt();
  await runDemo(serverDir, 10, 5);
  server = await startCentral(serverDir);
  await joinFromCli(deskDir, 'Kisumu desk', server.url);
  await joinFromCli(otherDir, 'Spare laptop', server.url);
  desk = await startWeb(deskDir);
  browser = await launchBrowser();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await desk?.stop();
  await other?.stop();
  await server?.stop();
  for (const dir of [serverDir, deskDir, otherDir]) fs.rmSync(dir, { recursive: true, force: true });
});

describe('browser mode: Settings, Sync lists the joined desks', () => {
  it('an administrator sees the desks, is warned before withdrawing their own, and withdraws another, which the service then refuses', async () => {
    const page = await signIn(browser!.context, desk!.url, 'admin');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('list', { name: 'Settings sections' }).getByRole('link', { name: 'Sync' }).click();
    const table = page.getByRole('table', { name: 'Joined desks' });
    const rowOf = (name: string) => table.getByRole('row').filter({ hasText: name });
    await waitFor(
      async () => (await table.textContent()) ?? '',
      (t) => t.includes('Kisumu desk (this desk)') && t.includes('Spare laptop'),
      'both desks in the list',
      30_000,
    );
    expect(await rowOf('Spare laptop').textContent()).toMatch(/All records.*admin.*Active/);
    await screenshot(page, 'settings-sync-desks');

    // Its own desk: a plain warning, then Cancel.
    await page.getByRole('button', { name: 'Withdraw Kisumu desk' }).click();
    const ownDialog = page.getByRole('dialog', { name: 'Withdraw Kisumu desk?' });
    await expect(ownDialog.getByRole('alert').textContent()).resolves.toMatch(/This is the desk you are using now\. Once withdrawn, it can no longer sync/);
    await ownDialog.getByRole('button', { name: 'Cancel' }).click();
    await ownDialog.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Withdraw Spare laptop' }).click();
    const dialog = page.getByRole('dialog', { name: 'Withdraw Spare laptop?' });
    await expect(dialog.textContent()).resolves.toMatch(/This cannot be undone/);
    await dialog.getByRole('button', { name: 'Withdraw desk' }).click();
    await waitFor(
      () => statusText(page),
      (t) => t.includes('Desk Spare laptop withdrawn'),
      'the withdrawal to be announced',
    );
    await waitFor(
      async () => (await rowOf('Spare laptop').textContent()) ?? '',
      (t) => /Withdrawn by admin on /.test(t),
      'the row to show who withdrew it',
    );
    expect(await rowOf('Spare laptop').getByRole('button').count()).toBe(0);

    // The withdrawal reaches the service with the desk's next round; then the spare laptop is refused.
    const refused = await waitFor(
      () => cliSync(otherDir),
      (r) => r.code === 1,
      'the service to refuse the withdrawn desk',
      30_000,
    );
    expect(refused.output).toMatch(/This desk was withdrawn from the central service by admin on .+ joins this desk again/);

    // On the withdrawn desk, the header says so, and Settings, Sync offers to join again.
    other = await startWeb(otherDir);
    const there = await signIn(browser!.context, other.url, 'admin');
    const sync = there.getByRole('group', { name: 'Sync' });
    await waitFor(
      async () => (await sync.textContent()) ?? '',
      (t) => t.includes('This desk was withdrawn from the central service.'),
      'the header to say the desk was withdrawn',
      30_000,
    );
    expect(await sync.textContent()).toMatch(/an administrator joins it again/);
    await there.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await there.getByRole('list', { name: 'Settings sections' }).getByRole('link', { name: 'Sync' }).click();
    await there.getByRole('button', { name: 'Join again' }).waitFor();
    const ownRow = there.getByRole('table', { name: 'Joined desks' }).getByRole('row').filter({ hasText: 'Spare laptop (this desk)' });
    expect(await ownRow.textContent()).toMatch(/Withdrawn/);
    expect(await there.getByRole('table', { name: 'Joined desks' }).getByRole('button').count()).toBe(0);
    await screenshot(there, 'sync-withdrawn-desk');
  }, 120_000);
});
