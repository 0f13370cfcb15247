import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { SCREENSHOTS } from './paths.js';
import { unnamedControls } from './ui.js';

export const CHROMIUM = process.env.KMLTTB_CHROMIUM ?? '/usr/bin/chromium';

export interface TestBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Headless Chromium with a fresh profile (no state from any earlier run). */
export async function launchBrowser(): Promise<TestBrowser> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'kmlttb-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1440, height: 900 },
    locale: 'en-KE',
    timezoneId: 'Africa/Nairobi',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

const pageErrors = new WeakMap<Page, string[]>();

/** Uncaught errors seen in the page since it opened. */
export function errorsOf(page: Page): string[] {
  return pageErrors.get(page) ?? [];
}

/** A new tab signed in as `username` (each tab has its own session). */
export async function signIn(context: BrowserContext, url: string, username: string, options: { password?: string; fakeClock?: boolean } = {}): Promise<Page> {
  const password = options.password ?? 'demo-password';
  const page = await context.newPage();
  // A fake clock lets a test move time on (idle lock) without waiting for it.
  if (options.fakeClock) await page.clock.install();
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  pageErrors.set(page, errors);
  await page.goto(url);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
  return page;
}

/** Saves a screenshot of a main screen, and checks that every control on it has an accessible name. */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const unnamed = await unnamedControls(page);
  if (unnamed.length > 0) throw new Error(`Controls without an accessible name on ${name}:\n${unnamed.join('\n')}`);
}
