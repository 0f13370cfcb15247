import { describe, expect, it } from 'vitest';
import { DEFAULT_BOUNDS, windowOptions } from '../../../src/main/electron/windowOptions.js';

describe('main window options', () => {
  const options = windowOptions({ preloadPath: '/app/out/preload/index.cjs', devTools: false });

  it('isolate the page from Node and Electron, as ARCHITECTURE.md "Electron" requires', () => {
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
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
