import { openFolderDatabase } from '../support/databaseFile.js';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorsOf, launchBrowser, screenshot, signIn, type TestBrowser } from './support/browser.js';
import { ensureRendererBuilt } from './support/build.js';
import { makeDataDir, runDemo, startCentral, startWeb, type WebDesk } from './support/desk.js';
import { announced, goTo } from './support/licences.js';
import { CLI, REPO } from './support/paths.js';
import { waitFor } from './support/ui.js';

/** The desk at an RBTC counter: joined to the central service for one centre, worked by its clerk. */
const run = promisify(execFile);
const serverDir = makeDataDir();
const deskDir = makeDataDir();
let server: WebDesk | undefined;
let desk: WebDesk | undefined;
let browser: TestBrowser | undefined;
let centre: { code: string; name: string; batchNo: string };

function onServer<T>(sql: string, ...params: unknown[]): T {
  const db = openFolderDatabase(serverDir, { readonly: true });
  try {
    return db.prepare(sql).get(...params) as T;
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  ensureRendererBuilt();
  await runDemo(serverDir, 60, 7);
  // A centre with a batch on its way, as the demo leaves some.
  centre = onServer(`SELECT c.code, c.name, b.batch_no AS batchNo FROM dispatch_batches b JOIN centres c ON c.id = b.centre_id
                     WHERE b.state = 'dispatched' ORDER BY b.batch_no LIMIT 1`);
  server = await startCentral(serverDir);
  const passwordFile = path.join(makeDataDir(), 'admin-password');
  fs.writeFileSync(passwordFile, 'demo-password\n');
  // Only an administrator of the service joins a desk; this one serves one centre.
  await run(
    process.execPath,
    [CLI, '--data', deskDir, '--user', 'admin', '--password-file', passwordFile, 'sync', '--server', server.url, '--centre', centre.code],
    { cwd: REPO },
  );
  desk = await startWeb(deskDir);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await desk?.stop();
  await server?.stop();
  for (const dir of [serverDir, deskDir]) fs.rmSync(dir, { recursive: true, force: true });
});

describe("browser mode: a centre's desk", () => {
  it('lets only its clerk sign in; the clerk confirms a batch received and the receipt reaches the service', async () => {
    const page = await browser!.context.newPage();
    await page.goto(desk!.url);
    for (const username of ['admin', 'officer']) {
      await page.getByLabel('Username', { exact: true }).fill(username);
      await page.getByLabel('Password', { exact: true }).fill('demo-password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText('That username and password do not match.').waitFor();
    }

    const clerk = await signIn(browser!.context, desk!.url, `clerk.${centre.code.toLowerCase()}`);
    await goTo(clerk, 'Collection');
    await clerk.getByRole('heading', { level: 1, name: `Collection: ${centre.name}` }).waitFor();
    const onTheWay = clerk.getByRole('region', { name: 'Batches on the way' });
    await onTheWay.getByRole('listitem').filter({ hasText: centre.batchNo }).getByRole('button', { name: 'Confirm received' }).click();
    await clerk.getByRole('button', { name: 'Confirm' }).click();
    await announced(clerk, /licences? at the centre/, 'the batch received');
    await waitFor(
      async () => onServer<{ state: string }>('SELECT state FROM dispatch_batches WHERE batch_no = ?', centre.batchNo).state,
      (state) => state === 'received',
      'the receipt to reach the central service',
      30_000,
    );
    await screenshot(clerk, 'centre-desk-collection');
    expect(errorsOf(clerk)).toEqual([]);
  });
});
