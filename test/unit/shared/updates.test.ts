import { describe, expect, it } from 'vitest';
import { parseReleaseInfo, releaseInfoFile, updateAction, updateFeedUrl } from '../../../src/shared/updates.js';

describe('the update feed', () => {
  it('lives at /updates/ on the central service, whatever slashes the address ends with', () => {
    expect(updateFeedUrl('https://licensing.kmlttb.go.ke')).toBe('https://licensing.kmlttb.go.ke/updates/');
    expect(updateFeedUrl(' https://licensing.kmlttb.go.ke/// ')).toBe('https://licensing.kmlttb.go.ke/updates/');
    expect(updateFeedUrl('http://127.0.0.1:4790')).toBe('http://127.0.0.1:4790/updates/');
  });

  it("names electron-builder's release file for each platform", () => {
    expect(releaseInfoFile('win32')).toBe('latest.yml');
    expect(releaseInfoFile('linux')).toBe('latest-linux.yml');
    expect(releaseInfoFile('darwin')).toBe('latest-mac.yml');
  });

  it('reads the version and the installer from a latest.yml', () => {
    const yml = [
      'version: 0.2.0',
      'files:',
      '  - url: KMLTTB-Licensing-Desk-Setup-0.2.0.exe',
      '    sha512: abc==',
      '    size: 123',
      "path: 'KMLTTB-Licensing-Desk-Setup-0.2.0.exe'",
      'sha512: abc==',
      "releaseDate: '2026-12-01T08:00:00.000Z'",
    ].join('\n');
    expect(parseReleaseInfo(yml)).toEqual({ version: '0.2.0', path: 'KMLTTB-Licensing-Desk-Setup-0.2.0.exe' });
    expect(parseReleaseInfo('version: "0.3.0"\r\nfiles:\r\n  - url: desk.AppImage\r\n')).toEqual({ version: '0.3.0', path: 'desk.AppImage' });
    expect(parseReleaseInfo('version: 0.2.0\n')).toBeNull();
    expect(parseReleaseInfo('<html>Not found</html>')).toBeNull();
  });
});

describe('what the app does with a check', () => {
  it('offers a newer version whether it looked by itself or was asked', () => {
    for (const trigger of ['start', 'menu'] as const) {
      const action = updateAction({ kind: 'newer', version: '0.2.0' }, trigger, '0.1.0');
      expect(action.kind).toBe('offer');
      expect(action.kind === 'offer' && action.message).toMatch(/Version 0\.2\.0 .* available from the central service \(this desk has 0\.1\.0\)/);
    }
  });

  it('stays quiet at start when there is nothing to offer, and answers when asked from Help', () => {
    for (const check of [{ kind: 'current' }, { kind: 'no-feed' }, { kind: 'failed', reason: 'net::ERR_CONNECTION_REFUSED' }] as const) {
      expect(updateAction(check, 'start', '0.1.0')).toEqual({ kind: 'silent' });
      expect(updateAction(check, 'menu', '0.1.0').kind).toBe('tell');
    }
    expect(updateAction({ kind: 'current' }, 'menu', '0.1.0')).toEqual({ kind: 'tell', message: expect.stringMatching(/latest version .* \(0\.1\.0\)/) });
    expect(updateAction({ kind: 'no-feed' }, 'menu', '0.1.0')).toEqual({ kind: 'tell', message: expect.stringMatching(/has not joined a central service/) });
    expect(updateAction({ kind: 'failed', reason: 'net::ERR_CONNECTION_REFUSED' }, 'menu', '0.1.0')).toEqual({
      kind: 'tell',
      message: 'Could not check for updates: net::ERR_CONNECTION_REFUSED',
    });
  });
});
