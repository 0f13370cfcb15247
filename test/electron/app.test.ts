/**
 * Tier 4 (QUALITY.md): launch the built desktop app with Playwright's `_electron`, check the
 * window's security settings, sign in and open the queue. It needs an Electron binary, the
 * build output, Electron's own better-sqlite3 build and a display; where one is missing the
 * whole suite is reported as skipped, with the reason, never passed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

/** The Electron binary, found without `require('electron')`, which would try to download it. */
function electronBinary(): string | undefined {
  const pkg = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(pkg, 'path.txt');
  const relative = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : undefined;
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(pkg, 'dist');
  const file = relative ? path.join(dist, relative) : undefined;
  return file && fs.existsSync(file) ? file : undefined;
}

function whySkipped(): string | undefined {
  if (!electronBinary()) return 'no Electron binary on this machine (it cannot be downloaded here)';
  for (const file of ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html']) {
    if (!fs.existsSync(path.join(root, file))) return `no build output (${file}); run npx electron-vite build`;
  }
  if (!fs.existsSync(path.join(root, 'native/electron/better_sqlite3.node'))) {
    return "no better-sqlite3 build for Electron's ABI in native/electron (see src/main/electron/paths.ts)";
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return 'no display (run under xvfb-run)';
  return undefined;
}

const reason = whySkipped();
if (reason) console.warn(`electron tier skipped: ${reason}`);

describe.skipIf(reason !== undefined)(`the desktop app${reason ? ` (skipped: ${reason})` : ''}`, () => {
  let dataDir: string;
  let app: ElectronApplication;
  let page: Page;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kmlttb-electron-'));
    // Chromium refuses its OS sandbox as root (CI containers); the renderer stays `sandbox: true`.
    const rootUser = process.getuid?.() === 0;
    app = await _electron.launch({
      executablePath: electronBinary(),
      args: [...(rootUser ? ['--no-sandbox'] : []), root],
      env: { ...process.env, KMLTTB_DATA: dataDir } as Record<string, string>,
      cwd: root,
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('loads the renderer from app://desk with the CSP header', async () => {
    expect(page.url()).toMatch(/^app:\/\/desk\//);
    const csp = await page.evaluate(async () => (await fetch('/index.html')).headers.get('content-security-policy'));
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('gives the page no Node, no Electron and only the bridge', async () => {
    // The options themselves are asserted, whatever the Electron version, on the pure function the
    // window is built from (test/unit/electron/windowOptions.test.ts); here, what the page can reach.
    const page_ = await page.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      webview: customElements.get('webview') === undefined,
      bridge: Object.keys(window.kmlttb ?? {}).sort(),
      transport: window.kmlttb?.transport,
    }));
    expect(page_).toMatchObject({ require: 'undefined', process: 'undefined', webview: true, transport: 'desktop' });
    expect(page_.bridge).not.toContain('ipcRenderer');
    expect(page_.bridge).not.toContain('invoke');
  });

  it('denies new windows and navigation away from the app', async () => {
    // Record each navigation attempt after our own listener (registered first) has decided on it.
    await app.evaluate(({ BrowserWindow }) => {
      const g = globalThis as { __navigations?: { url: string; prevented: boolean }[] };
      g.__navigations = [];
      BrowserWindow.getAllWindows()[0]!.webContents.on('will-navigate', (event, url) =>
        setImmediate(() => g.__navigations!.push({ url, prevented: event.defaultPrevented })),
      );
    });
    expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
    expect(app.windows()).toHaveLength(1);
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    const seen = () => app.evaluate(() => (globalThis as { __navigations?: unknown[] }).__navigations ?? []);
    await expect.poll(seen).toEqual([{ url: 'https://example.com/', prevented: true }]);
    expect(page.url()).toMatch(/^app:\/\/desk\//);
  });

  it('signs in and opens the applications queue', async () => {
    const created = await page.evaluate(() =>
      window.kmlttb!.createFirstAdmin({ username: 'ada', fullName: 'Ada Wanjiru', password: 'long enough password', demo: false }),
    );
    expect(created.ok).toBe(true);
    await page.evaluate(() => window.kmlttb!.logout());
    await page.reload();
    await page.getByLabel('Username').fill('ada');
    await page.getByLabel('Password').fill('long enough password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation').getByRole('link', { name: 'Applications' }).click();
    await expect.poll(() => page.getByRole('table').or(page.getByRole('grid')).count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(root, 'test-results', 'electron-applications.png') });
  });
});
