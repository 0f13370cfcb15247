import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { printDialogShown, printWindowOptions } from '../../../src/main/electron/printWindowOptions.js';
import { DEFAULT_BOUNDS, windowOptions } from '../../../src/main/electron/windowOptions.js';

/** ARCHITECTURE.md "Electron": written out here, not imported, so that a change to the source fails this test. */
const HARDENED = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
};

describe('main window options', () => {
  const options = windowOptions({ preloadPath: '/app/out/preload/index.cjs', devTools: false });

  it('isolate the page from Node and Electron, as ARCHITECTURE.md "Electron" requires, and set nothing else', () => {
    expect(options.webPreferences).toEqual({
      preload: '/app/out/preload/index.cjs',
      ...HARDENED,
      devTools: false,
    });
  });

  it('are the options of every window the app opens', () => {
    // Electron has no public way to read a live window's preferences back, so the app's windows
    // must be built from this function: then the assertions above hold for them.
    const src = path.resolve(import.meta.dirname, '../../../src');
    const files = fs.readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f));
    const constructions = files.flatMap((f) =>
      [...fs.readFileSync(path.join(src, f), 'utf8').matchAll(/new BrowserWindow\(([^)]*)/g)].map((m) => ({ file: f, args: m[1] })),
    );
    expect(constructions.length).toBeGreaterThan(0);
    for (const c of constructions) expect(c.args, c.file).toMatch(/^(windowOptions|printWindowOptions)\(/);
  });

  it('load the bundled preload and nothing else', () => {
    expect(options.webPreferences.preload).toBe('/app/out/preload/index.cjs');
  });

  it('keep developer tools out of production builds', () => {
    expect(options.webPreferences.devTools).toBe(false);
    expect(windowOptions({ preloadPath: 'p', devTools: true }).webPreferences.devTools).toBe(true);
  });

  it('start hidden and use the saved bounds when given, the defaults otherwise', () => {
    expect(options.show).toBe(false);
    expect(options).toMatchObject(DEFAULT_BOUNDS);
    const bounds = { x: 10, y: 20, width: 1400, height: 900 };
    expect(windowOptions({ preloadPath: 'p', devTools: false, bounds })).toMatchObject(bounds);
  });
});

describe('print window options', () => {
  const options = printWindowOptions();

  it('are as hardened as the main window, with no preload, no developer tools, and plugins on for the PDF viewer', () => {
    expect(options.webPreferences).toEqual({
      ...HARDENED,
      devTools: false,
      plugins: true,
    });
    expect(options.webPreferences).not.toHaveProperty('preload');
  });

  it('keep the window hidden: only the print dialog is seen', () => {
    expect(options).toMatchObject({ show: false, skipTaskbar: true });
  });

  it('count the dialog as shown when the person printed or cancelled, not when printing failed', () => {
    expect(printDialogShown(true, '')).toBe(true);
    expect(printDialogShown(false, 'Print job canceled')).toBe(true);
    expect(printDialogShown(false, 'Print job failed')).toBe(false);
    expect(printDialogShown(false, 'Invalid printer settings')).toBe(false);
  });
});
