/** Backups a desk makes on its own: before a migration, once a day, and a restore asked for while it ran. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listBackups } from '../../../src/main/backup/backupsFolder.js';
import { DAY_MS, DailyBackups } from '../../../src/main/backup/daily.js';
import { pendingRestore, requestRestoreAtStart } from '../../../src/main/backup/restoreAtStart.js';
import { newDatabaseKey, openEncrypted } from '../../../src/main/db/cipher.js';
import { migrate, schemaVersion } from '../../../src/main/db/migrate.js';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../src/main/db/migrations/index.js';
import { DATABASE_FILE } from '../../../src/main/db/open.js';
import { openDesk } from '../../../src/main/desk.js';
import { openSecretStore } from '../../../src/main/settings/secretStore.js';
import { folderKey } from '../../support/databaseFile.js';
import { makeDesk, tempDir } from '../support/tempDesk.js';

/** `2026-11-25T07-30-00Z` for 07:30 UTC on 25 November 2026: how a snapshot's file name gives its time. */
const stamp = (at: Date) => `${at.toISOString().slice(0, 19).replaceAll(':', '-')}Z`;

describe('automatic backups', () => {
  it('copy an existing database into backups/ before migrating it, and not a new or an up-to-date one', async () => {
    const dir = tempDir();
    const key = newDatabaseKey();
    openSecretStore(dir).set('db.key', key);
    const old = openEncrypted(path.join(dir, DATABASE_FILE), key);
    old.pragma('journal_mode = WAL');
    migrate(old, MIGRATIONS.slice(0, -1));
    old.close();

    await openDesk(dir).close();
    const [copy, ...others] = listBackups(dir);
    expect(others).toEqual([]);
    expect(copy!.name).toMatch(new RegExp(`^before-migration-${LATEST_SCHEMA_VERSION - 1}-to-${LATEST_SCHEMA_VERSION}-.*\\.sqlite$`));
    expect(fs.statSync(path.join(dir, 'backups')).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(dir, 'backups', copy!.name)).mode & 0o777).toBe(0o600);
    const before = openEncrypted(path.join(dir, 'backups', copy!.name), key, { readonly: true });
    expect(schemaVersion(before)).toBe(LATEST_SCHEMA_VERSION - 1);
    before.close();

    await openDesk(dir).close();
    expect(listBackups(dir)).toHaveLength(1);
    const fresh = tempDir();
    await openDesk(fresh).close();
    expect(fs.existsSync(path.join(fresh, 'backups'))).toBe(false);
  });

  it("make a snapshot a day by the desk's clock, and keep 14 daily ones", async () => {
    const t = await makeDesk();
    const daily = new DailyBackups(t.desk);
    try {
      expect(await daily.runOnce()).toBe(path.join(t.dir, 'backups', `kmlttb-${stamp(t.clock())}.sqlite`));
      t.clock.advance(DAY_MS - 60_000);
      expect(await daily.runOnce()).toBeNull();
      for (let day = 0; day < 20; day++) {
        t.clock.advance(DAY_MS);
        expect(await daily.runOnce()).not.toBeNull();
      }
      const snapshots = listBackups(t.dir).filter((b) => b.kind === 'snapshot');
      // 14 days, and the newest of the weeks before them that have one.
      expect(snapshots.length).toBeGreaterThanOrEqual(14);
      expect(snapshots.length).toBeLessThanOrEqual(14 + 8);
      expect(snapshots.length).toBeLessThan(21);
      const newest = openEncrypted(path.join(t.dir, 'backups', snapshots[0]!.name), folderKey(t.dir), { readonly: true });
      expect(newest.prepare("SELECT count(*) FROM users WHERE username = 'officer'").pluck().get()).toBe(1);
      newest.close();
    } finally {
      await daily.stop();
      await t.desk.close();
    }
  });

  it('restore at the next start a backup chosen while the desk ran, and start as it was when the chosen one is refused', async () => {
    const t = await makeDesk();
    const daily = new DailyBackups(t.desk);
    const made = (await daily.runOnce())!;
    t.desk.sqlite
      .prepare("INSERT INTO centres (id, code, name, town, updated_at) VALUES ('c-later', 'LTR', 'RBTC Later', 'Embu', '2026-11-25T07:30:00.000Z')")
      .run();
    requestRestoreAtStart(t.dir, { file: path.basename(made), requestedBy: 'admin', requestedAt: t.clock().toISOString() });
    await t.desk.close();

    const lines: string[] = [];
    const desk = openDesk(t.dir, { notice: (l) => lines.push(l) });
    expect(desk.sqlite.prepare("SELECT count(*) FROM centres WHERE code = 'LTR'").pluck().get()).toBe(0);
    expect(lines).toEqual([expect.stringMatching(/^Restored the backup kmlttb-.*\.sqlite, as admin asked; the database it replaced is kept at .*replaced-/)]);
    expect(pendingRestore(t.dir)).toBeNull();
    await desk.close();

    const damaged = path.join(t.dir, 'backups', path.basename(made));
    const bytes = fs.readFileSync(damaged);
    bytes.fill(0x55, 4096, 8192);
    fs.writeFileSync(damaged, bytes);
    requestRestoreAtStart(t.dir, { file: path.basename(made), requestedBy: 'admin', requestedAt: t.clock().toISOString() });
    const said: string[] = [];
    const again = openDesk(t.dir, { notice: (l) => said.push(l) });
    expect(said).toEqual([expect.stringMatching(/was not done: .*cannot be restored.* The desk opens on its database as it was\.$/)]);
    expect(pendingRestore(t.dir)).toBeNull();
    await again.close();
  });
});
