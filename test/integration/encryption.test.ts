import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newDatabaseKey } from '../../src/main/db/cipher.js';
import { CLEAR_COPY_SUFFIX } from '../../src/main/db/encryptInPlace.js';
import { migrate } from '../../src/main/db/migrate.js';
import { DATABASE_FILE } from '../../src/main/db/open.js';
import { runDemo } from '../../src/main/demo/index.js';
import { openDesk } from '../../src/main/desk.js';
import { openSecretStore } from '../../src/main/settings/secretStore.js';
import { folderKey } from '../support/databaseFile.js';
import { tempDir } from './support/tempDesk.js';
import { testClock } from './support/testClock.js';

/** Every file under `dir`, read whole: what a thief with the disk would have. */
function folderBytes(dir: string): Buffer {
  const parts: Buffer[] = [];
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) parts.push(fs.readFileSync(path.join(entry.parentPath, entry.name)));
  }
  return Buffer.concat(parts);
}

function samples(sqlite: BetterSqlite3.Database): string[] {
  const rows = sqlite.prepare("SELECT national_id, first_name || ' ' || last_name, phone FROM practitioners ORDER BY rowid LIMIT 40").raw().all() as (
    string | null
  )[][];
  return rows.flat().filter((v): v is string => v !== null && v !== '');
}

function kmlttb(env: Record<string, string>, ...args: string[]) {
  const r = spawnSync('node', ['bin/kmlttb.js', ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('the data folder at rest', () => {
  it('holds no national ID, name or phone of the demo data in clear: not in the database, not in its WAL', async () => {
    const dir = tempDir();
    const desk = openDesk(dir, { clock: testClock() });
    try {
      await runDemo(desk, { applications: 60, seed: 3 });
      const values = samples(desk.sqlite);
      expect(values.length).toBeGreaterThan(60);
      // The WAL is there, holding the latest pages, while the desk is open.
      expect(fs.statSync(path.join(dir, `${DATABASE_FILE}-wal`)).size).toBeGreaterThan(0);
      const bytes = folderBytes(dir);
      expect(values.filter((v) => bytes.includes(Buffer.from(v, 'utf8')))).toEqual([]);
    } finally {
      await desk.close();
    }
  });

  it('keeps no key in the folder when KMLTTB_DB_KEY gives it, and does not open without it', async () => {
    const dir = tempDir();
    const key = newDatabaseKey();
    const saved = process.env.KMLTTB_DB_KEY;
    process.env.KMLTTB_DB_KEY = key;
    try {
      await openDesk(dir).close();
      expect(openSecretStore(dir).has('db.key')).toBe(false);
      process.env.KMLTTB_DB_KEY = newDatabaseKey();
      expect(() => openDesk(dir)).toThrow(/does not open with KMLTTB_DB_KEY/);
      process.env.KMLTTB_DB_KEY = 'not-a-key';
      expect(() => openDesk(dir)).toThrow(/KMLTTB_DB_KEY must be 64 hexadecimal characters/);
      delete process.env.KMLTTB_DB_KEY;
      expect(() => openDesk(dir)).toThrow(/is encrypted and its key is not here: set KMLTTB_DB_KEY/);
      process.env.KMLTTB_DB_KEY = key.toUpperCase();
      await openDesk(dir).close();
    } finally {
      if (saved === undefined) delete process.env.KMLTTB_DB_KEY;
      else process.env.KMLTTB_DB_KEY = saved;
    }
  });

  it('the command line exits 1 naming KMLTTB_DB_KEY, and tells when it keeps the key beside the data', () => {
    const dir = tempDir();
    const key = newDatabaseKey();
    const made = kmlttb({ KMLTTB_DB_KEY: key }, '--data', dir, 'config', 'get', 'review.cpdThreshold');
    expect(made).toMatchObject({ code: 0, err: '' });
    const refused = kmlttb({}, '--data', dir, 'config', 'get', 'review.cpdThreshold');
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/is encrypted and its key is not here: set KMLTTB_DB_KEY/);
    expect(refused.err).not.toMatch(/at .*\.ts:\d+/);

    const besideData = tempDir();
    const first = kmlttb({}, '--data', besideData, 'config', 'get', 'review.cpdThreshold');
    expect(first.code).toBe(0);
    expect(first.err.trim().split('\n')).toEqual([expect.stringMatching(/database key is kept beside the data .* not for a laptop/)]);
    expect(fs.statSync(path.join(besideData, 'secrets.json')).mode & 0o777).toBe(0o600);
    expect(kmlttb({}, '--data', besideData, 'config', 'get', 'review.cpdThreshold')).toMatchObject({ code: 0, err: '' });
  });

  it('encrypts a folder from before encryption in place, once, keeping every record', async () => {
    const dir = tempDir();
    const file = path.join(dir, DATABASE_FILE);
    const clear = new BetterSqlite3(file);
    clear.pragma('journal_mode = WAL');
    migrate(clear);
    clear
      .prepare(
        `INSERT INTO centres (id, code, name, town, updated_at) VALUES ('c-1', 'XYZ', 'RBTC Wanjiku Test Centre', 'Nairobi', '2026-11-25T07:30:00.000Z')`,
      )
      .run();
    clear.close();
    expect(fs.readFileSync(file).includes('Wanjiku Test Centre')).toBe(true);

    const desk = openDesk(dir);
    try {
      expect(desk.sqlite.prepare("SELECT name FROM centres WHERE code = 'XYZ'").pluck().get()).toBe('RBTC Wanjiku Test Centre');
    } finally {
      await desk.close();
    }
    expect(folderBytes(dir).includes('Wanjiku Test Centre')).toBe(false);
    expect(fs.existsSync(file + CLEAR_COPY_SUFFIX)).toBe(false);
    // The folder's own key opens it with the cipher the README names, and nothing else does.
    const plain = new BetterSqlite3(file, { readonly: true });
    plain.pragma("cipher = 'aes256cbc'");
    plain.pragma(`key = "x'${folderKey(dir)}'"`);
    expect(plain.prepare("SELECT count(*) FROM centres WHERE code = 'XYZ'").pluck().get()).toBe(1);
    plain.close();
    const otherKey = new BetterSqlite3(file, { readonly: true });
    otherKey.pragma("cipher = 'aes256cbc'");
    otherKey.pragma(`key = "x'${newDatabaseKey()}'"`);
    expect(() => otherKey.prepare('SELECT count(*) FROM centres').get()).toThrow(/not a database/);
    otherKey.close();
  });
});
