import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataDirFor, electronNativeBinding } from '../../../src/main/electron/paths.js';
import { visibleBounds } from '../../../src/main/electron/windowBounds.js';

const screen = [{ x: 0, y: 0, width: 1920, height: 1040 }];

describe('saved window bounds', () => {
  it('are reused while the window is on a display', () => {
    const saved = { x: 100, y: 50, width: 1280, height: 800 };
    expect(visibleBounds(saved, screen)).toEqual(saved);
  });

  it('are dropped when their display is gone, they are too small, or the file was edited badly', () => {
    expect(visibleBounds({ x: 3000, y: 0, width: 1280, height: 800 }, screen)).toBeUndefined();
    expect(visibleBounds({ x: 0, y: 0, width: 200, height: 100 }, screen)).toBeUndefined();
    expect(visibleBounds({ x: '0', y: 0, width: 1280, height: 800 }, screen)).toBeUndefined();
    expect(visibleBounds(null, screen)).toBeUndefined();
  });
});

describe('desktop paths', () => {
  it('the data folder is KMLTTB_DATA when set, else the userData folder', () => {
    expect(dataDirFor({ KMLTTB_DATA: '/tmp/desk1' }, '/home/u/.config/kmlttb')).toBe(path.resolve('/tmp/desk1'));
    expect(dataDirFor({ KMLTTB_DATA: ' ' }, '/home/u/.config/kmlttb')).toBe('/home/u/.config/kmlttb');
    expect(dataDirFor({}, '/home/u/.config/kmlttb')).toBe('/home/u/.config/kmlttb');
  });

  it("Electron's better-sqlite3 build is used when present, outside the asar archive", () => {
    const seen: string[] = [];
    const exists = (p: string) => (seen.push(p), true);
    expect(electronNativeBinding('/opt/desk/resources/app.asar', exists)).toBe(
      path.join('/opt/desk/resources/app.asar.unpacked', 'native', 'electron', 'better_sqlite3.node'),
    );
    expect(electronNativeBinding('/work/main', () => false)).toBeUndefined();
  });
});
