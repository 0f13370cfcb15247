/**
 * Browser mode, as the Board's administrator keeps a desk safe: Settings, Backups makes a backup
 * now and asks for one to be restored, which the next start does; About tells the version and
 * the data folder; the logs folder is named where the browser cannot open it.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };
import { errorsOf, launchBrowser, screenshot, signIn, type TestBrowser } from './support/browser.js';
import { ensureRendererBuilt } from './support/build.js';
import { makeDataDir, runDemo, startWeb, type WebDesk } from './support/desk.js';
import { CLI, REPO } from './support/paths.js';
import { statusText, waitFor } from './support/ui.js';

const run = promisify(execFile);
const kmlttb = async (...args: string[]) => (await run(process.execPath, [CLI, '--data', dataDir, ...args], { cwd: REPO })).stdout.trim();

let dataDir: string;
let desk: WebDesk | undefined;
let browser: TestBrowser | undefined;

beforeAll(async () => {
  ensureRendererBuilt();
  dataDir = makeDataDir();
  await runDemo(dataDir, 20, 5);
  await kmlttb('config', 'set', 'review.cpdThreshold', '20');
  desk = await startWeb(dataDir);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await desk?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('browser mode: backups, About and the logs', () => {
  it('an administrator backs up now, asks for that backup to be restored, and the next start restores it', async () => {
    const page = await signIn(browser!.context, desk!.url, 'admin');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('list', { name: 'Settings sections' }).getByRole('link', { name: 'Backups' }).click();
    await page.getByRole('button', { name: 'Back up now' }).click();
    const made = await waitFor(
      () => statusText(page),
      (t) => t.startsWith('Backed up: '),
      'the backup to be announced',
    );
    const file = /^Backed up: (kmlttb-\S+\.sqlite) /.exec(made)![1]!;
    await waitFor(
      () => page.getByLabel('Last backup').innerText(),
      (t) => t.includes(file),
      'the last backup to be shown',
    );
    expect(fs.statSync(path.join(dataDir, 'backups', file)).mode & 0o777).toBe(0o600);

    // A change after the backup: the restore takes the desk back to before it.
    await kmlttb('config', 'set', 'review.cpdThreshold', '35');
    const row = page.getByRole('table', { name: 'Backups' }).getByRole('row').filter({ hasText: file });
    await row.getByRole('button', { name: 'Restore' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Restore this backup' }).waitFor();
    await screenshot(page, 'backups-restore-confirm');
    await dialog.getByRole('button', { name: 'Restore this backup' }).click();
    await waitFor(
      () => statusText(page),
      (t) => t === `${file} will be restored when the app starts again. Restart the app to finish.`,
      'the restore to wait for the next start',
    );
    await page.getByText(`${file} will be restored when the app starts again (asked by`).waitFor();
    expect(errorsOf(page)).toEqual([]);
    await page.close();

    await desk!.stop();
    desk = await startWeb(dataDir);
    expect(await kmlttb('config', 'get', 'review.cpdThreshold')).toBe('20');
    expect(fs.existsSync(path.join(dataDir, 'restore-at-start.json'))).toBe(false);
    expect(fs.readdirSync(path.join(dataDir, 'backups')).some((f) => f.startsWith('kmlttb.sqlite.replaced-'))).toBe(true);
  });

  it('About tells the version and the data folder; Open logs folder names the folder in a browser', async () => {
    const page = await signIn(browser!.context, desk!.url, 'admin');
    await page.getByRole('button', { name: 'About' }).click();
    const about = page.getByRole('dialog', { name: 'About KMLTTB Licensing Desk' });
    await about.getByText(packageJson.version, { exact: false }).waitFor();
    expect(await about.innerText()).toContain(dataDir);
    await page.keyboard.press('Escape');
    await about.waitFor({ state: 'detached' });

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('list', { name: 'Settings sections' }).getByRole('link', { name: 'General' }).click();
    await page.getByRole('button', { name: 'Open logs folder' }).click();
    await waitFor(
      () => statusText(page),
      (t) => t === `The logs are in ${path.join(dataDir, 'logs')}.`,
      'the logs folder to be named',
    );
    expect(fs.readdirSync(path.join(dataDir, 'logs')).some((f) => /^kmlttb\.\d{4}-\d{2}-\d{2}\.\d+\.log$/.test(f))).toBe(true);
    expect(errorsOf(page)).toEqual([]);
    await page.close();
  });
});
