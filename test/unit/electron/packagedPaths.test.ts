import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appRoot } from '../../../src/main/appRoot.js';
import { outsideAsar } from '../../../src/main/db/driverPaths.js';

describe('appRoot', () => {
  it('is the nearest folder above the running code that holds package.json, at any depth', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kmlttb-root-'));
    fs.writeFileSync(path.join(root, 'package.json'), '{}');
    fs.mkdirSync(path.join(root, 'out/cli'), { recursive: true });
    expect(appRoot(path.join(root, 'out/cli/kmlttb.js'))).toBe(root);
    expect(appRoot(path.join(root, 'src/main/web/server.ts'))).toBe(root);
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('is this checkout for the sources', () => {
    expect(appRoot()).toBe(path.resolve(import.meta.dirname, '../../..'));
  });
});

describe('outsideAsar', () => {
  it("maps a file inside the packaged app's archive to its unpacked copy", () => {
    const inside = '/opt/KMLTTB Licensing Desk/resources/app.asar/node_modules/better-sqlite3-multiple-ciphers/lib/index.js';
    expect(outsideAsar(inside)).toBe('/opt/KMLTTB Licensing Desk/resources/app.asar.unpacked/node_modules/better-sqlite3-multiple-ciphers/lib/index.js');
    expect(outsideAsar('C:\\Program Files\\Desk\\resources\\app.asar\\node_modules\\x.node')).toBe(
      'C:\\Program Files\\Desk\\resources\\app.asar.unpacked\\node_modules\\x.node',
    );
  });

  it('leaves other paths alone, the unpacked copy included', () => {
    expect(outsideAsar('/work/main/node_modules/better-sqlite3-multiple-ciphers/lib/index.js')).toBe(
      '/work/main/node_modules/better-sqlite3-multiple-ciphers/lib/index.js',
    );
    expect(outsideAsar('/opt/desk/resources/app.asar.unpacked/x.node')).toBe('/opt/desk/resources/app.asar.unpacked/x.node');
  });
});
