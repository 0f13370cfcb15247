import { describe, expect, it } from 'vitest';
import { developmentOptions } from '../../../src/main/electron/developmentMode.js';

const env = { ELECTRON_RENDERER_URL: 'http://localhost:5173' };

describe('developmentOptions', () => {
  it('honours DevTools and the dev server only in a development build run unpackaged', () => {
    expect(developmentOptions({ devBuild: true, isPackaged: false, env })).toEqual({ devTools: true, devServerUrl: 'http://localhost:5173' });
  });

  it('ignores both in a packaged app, whatever its environment says', () => {
    expect(developmentOptions({ devBuild: true, isPackaged: true, env })).toEqual({ devTools: false, devServerUrl: undefined });
    expect(developmentOptions({ devBuild: false, isPackaged: true, env })).toEqual({ devTools: false, devServerUrl: undefined });
  });

  it('ignores both in a production build run from a checkout (npm start)', () => {
    expect(developmentOptions({ devBuild: false, isPackaged: false, env })).toEqual({ devTools: false, devServerUrl: undefined });
  });

  it('serves the built renderer in development when no dev server is named', () => {
    expect(developmentOptions({ devBuild: true, isPackaged: false, env: {} })).toEqual({ devTools: true, devServerUrl: undefined });
    expect(developmentOptions({ devBuild: true, isPackaged: false, env: { ELECTRON_RENDERER_URL: ' ' } }).devServerUrl).toBeUndefined();
  });
});
