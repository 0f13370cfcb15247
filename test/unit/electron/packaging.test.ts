/**
 * The desktop app's packaging (electron-builder.config.js), checked without Electron: the
 * configuration loaded as `npm run dist` loads it and validated against electron-builder's own
 * schema; its targets, files and native rebuild; and the afterPack hook's fuses, flipped in a
 * stand-in binary that carries Electron's fuse wire.
 */
import { FuseV1Options, FuseVersion, getCurrentFuseWire } from '@electron/fuses';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import type { Configuration } from 'electron-builder';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import pkg from '../../../package.json' with { type: 'json' };

const REPO = path.resolve(import.meta.dirname, '../../..');
/** A fuse's byte in the wire: '1' on, '0' off. */
const ENABLE = 0x31;
const DISABLE = 0x30;

interface FusesModule {
  ELECTRON_FUSES: Record<string, unknown>;
  packedElectronBinary(context: unknown): string;
}

let config: Configuration;
let fuses: FusesModule;

beforeAll(async () => {
  config = (await getConfig(REPO, 'electron-builder.config.js', null)) as Configuration;
  fuses = (await import(pathToFileURL(path.join(REPO, 'scripts/packaging/fuses.mjs')).href)) as FusesModule;
});

/** A file shaped like Electron's binary where the fuses live: the sentinel, the wire's version and length, one byte per fuse. */
function standInElectron(dir: string, name: string, wire: number[]): string {
  const file = path.join(dir, name);
  const sentinel = Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX', 'ascii');
  fs.writeFileSync(file, Buffer.concat([Buffer.from('ELF-ish prefix'), sentinel, Buffer.from([1, wire.length, ...wire]), Buffer.from('suffix')]));
  return file;
}

const context = (appOutDir: string, electronPlatformName: string) => ({
  appOutDir,
  electronPlatformName,
  packager: { executableName: 'kmlttb-licensing-desk', appInfo: { productFilename: 'KMLTTB Licensing Desk' } },
});

describe('electron-builder configuration', () => {
  it("is valid for electron-builder's schema", async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('names the app, packs it into an asar archive and uses the placeholder icon in resources/', () => {
    expect(config.appId).toBe('org.kmlttb.licensingdesk');
    expect(config.productName).toBe(pkg.productName);
    expect(config.asar).toBe(true);
    expect(config.icon).toBe('resources/icon.png');
    const png = fs.readFileSync(path.join(REPO, 'resources/icon.png'));
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
  });

  it('builds an NSIS installer for Windows that IT can install per machine, and deb and AppImage for Linux', () => {
    expect(config.win?.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    // Assisted (not one-click) with perMachine unset: the installer offers "for all users", and `/allusers` picks it silently.
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowElevation: true });
    expect(config.linux?.target).toEqual([
      { target: 'deb', arch: ['x64'] },
      { target: 'AppImage', arch: ['x64'] },
    ]);
    expect(config.linux?.maintainer).toBeTruthy();
  });

  it('packs only the built app and rebuilds the native driver for Electron, unpacked for worker threads', () => {
    // electron-builder normalises the list into one file set.
    const [set] = config.files as [{ filter: string[] }];
    expect(set.filter).toEqual(expect.arrayContaining(['package.json', 'out/main/**', 'out/preload/**', 'out/renderer/**', '!**/*.map']));
    const included = set.filter.filter((f) => !f.startsWith('!'));
    expect(included.every((f) => f === 'package.json' || f === 'resources/documents/crest.png' || /^out\/(main|preload|renderer)\//.test(f))).toBe(true);
    // The documents print the crest: it goes into the package too.
    expect(included).toContain('resources/documents/crest.png');
    expect(config.npmRebuild).toBe(true);
    expect(config.buildDependenciesFromSource).toBe(false);
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3-multiple-ciphers/**');
    expect(pkg.main).toBe('out/main/index.js');
  });

  it('sets the fuses in an afterPack hook: RunAsNode off, cookie encryption on, asar integrity on, app only from asar', () => {
    expect(typeof config.afterPack).toBe('function');
    expect(fuses.ELECTRON_FUSES).toMatchObject({
      version: FuseVersion.V1,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
    });
  });

  it('finds the packed binary on each platform', () => {
    expect(fuses.packedElectronBinary(context('/o/win-unpacked', 'win32'))).toBe(path.join('/o/win-unpacked', 'KMLTTB Licensing Desk.exe'));
    expect(fuses.packedElectronBinary(context('/o/linux-unpacked', 'linux'))).toBe(path.join('/o/linux-unpacked', 'kmlttb-licensing-desk'));
  });

  it("flips the fuses in the packed binary (Electron's defaults before, the desk's after)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kmlttb-fuses-'));
    const binary = standInElectron(dir, 'kmlttb-licensing-desk', [ENABLE, DISABLE, ENABLE, ENABLE, DISABLE, DISABLE, DISABLE, ENABLE]);
    // The hook exactly as the loaded configuration holds it.
    await (config.afterPack as (c: unknown) => Promise<void>)(context(dir, 'linux'));
    const wire = await getCurrentFuseWire(binary);
    expect(wire[FuseV1Options.RunAsNode]).toBe(DISABLE);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(ENABLE);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(DISABLE);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(DISABLE);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(ENABLE);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(ENABLE);
    expect(wire[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]).toBe(DISABLE);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(DISABLE);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
