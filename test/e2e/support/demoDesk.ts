import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser, type TestBrowser } from './browser.js';
import { ensureRendererBuilt } from './build.js';
import { runDemo, startWeb, type StartWebOptions, type WebDesk } from './desk.js';

export interface DemoDeskOptions {
  /** Runs first (e.g. starts a gateway simulator); what it returns goes to `startWeb`. */
  before?: () => Promise<StartWebOptions | void>;
  /** Runs once the browser and the desk have stopped, before the data directory is removed. */
  after?: () => Promise<void>;
  /** For a large demo: how long beforeAll may take (the e2e project's hookTimeout otherwise). */
  setupTimeoutMs?: number;
}

export interface DemoDesk {
  /** The desk's data directory: created in beforeAll, removed in afterAll. */
  dataDir: string;
  /** The desk's address and the browser, once beforeAll has started them. */
  setup(): { url: string; browser: TestBrowser };
  /** The web desk, or undefined when it did not start. */
  desk(): WebDesk | undefined;
  /** The browser, or undefined when it did not start. */
  browser(): TestBrowser | undefined;
}

/**
 * The e2e files' shared setup: beforeAll builds the renderer if needed, makes a data directory with
 * `kmlttb demo` (`applications` applications from `seed`), starts `kmlttb web` and a browser;
 * afterAll stops them and removes the data directory.
 */
export function demoDesk(applications: number, seed: number, options: DemoDeskOptions = {}): DemoDesk {
  const dataDir = path.join(os.tmpdir(), `kmlttb-e2e-${randomUUID()}`);
  let made = false;
  let desk: WebDesk | undefined;
  let browser: TestBrowser | undefined;

  beforeAll(async () => {
    ensureRendererBuilt();
    const webOptions = (await options.before?.()) ?? {};
    fs.mkdirSync(dataDir, { mode: 0o700 });
    made = true;
    await runDemo(dataDir, applications, seed);
    desk = await startWeb(dataDir, webOptions);
    browser = await launchBrowser();
  }, options.setupTimeoutMs);

  afterAll(async () => {
    await browser?.close();
    await desk?.stop();
    await options.after?.();
    if (made) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  return {
    dataDir,
    setup() {
      if (!desk || !browser) throw new Error('setup failed');
      return { url: desk.url, browser };
    },
    desk: () => desk,
    browser: () => browser,
  };
}
