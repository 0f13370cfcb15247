/**
 * `kmlttb backup` and `kmlttb restore` as real processes, on real files: a backup taken while an
 * officer's decisions stream in, restores refused for every kind of bad file and for a folder in
 * use (changing nothing), and a backup that holds nothing readable without the key.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { verifyAuditChain } from '../../../src/main/core/audit.js';
import { dropSeal, sealBackup } from '../../../src/main/backup/backupSeal.js';
import { openEncrypted } from '../../../src/main/db/cipher.js';
import { LATEST_SCHEMA_VERSION } from '../../../src/main/db/migrate.js';
import { DATABASE_FILE } from '../../../src/main/db/open.js';
import { openDesk } from '../../../src/main/desk.js';
import { openSecretStore } from '../../../src/main/settings/secretStore.js';
import { folderKey } from '../../support/databaseFile.js';
import { count, makeDesk, seedApplication, tempDir } from '../support/tempDesk.js';
import { folderState, kmlttb, startKmlttb } from './support.js';

const started: ChildProcess[] = [];
afterAll(() => {
  for (const child of started) if (child.exitCode === null) child.kill('SIGKILL');
});

/** A desk folder with some decisions and its backup, made once for the refusal tests. */
let source: { dir: string; key: string; backup: string };
beforeAll(async () => {
  const t = await makeDesk();
  for (let i = 0; i < 20; i++) seedApplication(t.desk);
  const ids = t.desk.sqlite.prepare("SELECT id FROM applications WHERE state = 'submitted' LIMIT 5").pluck().all() as string[];
  for (const id of ids) expect((await t.desk.dispatch('application.approve', { applicationId: id }, t.actors.officer)).ok).toBe(true);
  await t.desk.close();
  const backup = path.join(tempDir(), 'desk.kmlttb-backup');
  const made = await kmlttb(['--data', t.dir, 'backup', '--out', backup]);
  expect(made).toMatchObject({ code: 0, err: '' });
  source = { dir: t.dir, key: folderKey(t.dir), backup };
});

/** A copy of the source backup changed by `damage`, in a file of its own. */
function variant(damage: (bytes: Buffer) => Buffer): string {
  const file = path.join(tempDir(), 'variant.sqlite');
  fs.writeFileSync(file, damage(fs.readFileSync(source.backup)));
  return file;
}

describe('kmlttb backup', () => {
  it('copies the database while an officer approves applications: the copy is one moment between the first and the last of those writes, whole, with its audit chain intact', async () => {
    const t = await makeDesk();
    for (let i = 0; i < 1500; i++) seedApplication(t.desk);
    await t.desk.close();

    const loop = spawn(process.execPath, ['--import', 'tsx', 'test/integration/support/approveLoop.ts', t.dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    started.push(loop);
    let approved = 0;
    loop.stdout.on('data', (chunk: Buffer) => {
      const all = [...chunk.toString().matchAll(/approved (\d+)/g)];
      if (all.length) approved = Number(all[all.length - 1]![1]);
    });
    await vi.waitFor(() => expect(approved).toBeGreaterThanOrEqual(20), { timeout: 30_000, interval: 50 });
    const before = approved;
    const out = path.join(tempDir(), 'during.sqlite');
    const made = await kmlttb(['--data', t.dir, 'backup', '--out', out]);
    const after = approved;
    // The officer's work was never held up: the loop goes on approving after the backup.
    expect(loop.exitCode).toBeNull();
    await vi.waitFor(() => expect(approved).toBeGreaterThan(after), { timeout: 30_000, interval: 50 });
    loop.kill('SIGKILL');
    expect(made.code, made.err).toBe(0);
    expect(made.out).toMatch(new RegExp(`Backup written: ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(\\d+ bytes`));
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(path.dirname(out))).toEqual(['during.sqlite']);

    const restored = tempDir();
    fs.rmdirSync(restored);
    const r = await kmlttb(['--data', restored, 'restore', out], { KMLTTB_DB_KEY: folderKey(t.dir) });
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/audit events verified/);
    process.env.KMLTTB_DB_KEY = folderKey(t.dir);
    const desk = openDesk(restored);
    delete process.env.KMLTTB_DB_KEY;
    try {
      const inBackup = count(desk, 'applications', "state = 'approved'");
      expect(inBackup).toBeGreaterThanOrEqual(before);
      expect(inBackup).toBeLessThanOrEqual(after);
      expect(count(desk, 'invoices')).toBe(inBackup);
      expect(count(desk, 'audit_events', "action = 'application.approve'")).toBe(inBackup);
      expect(verifyAuditChain(desk.sqlite).ok).toBe(true);
      expect(desk.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      // A working desk: it takes a decision.
      const officer = desk.sqlite
        .prepare("SELECT id, username, full_name AS fullName, role, centre_id AS centreId FROM users WHERE username = 'officer'")
        .get() as never;
      const next = desk.sqlite.prepare("SELECT id FROM applications WHERE state = 'submitted' LIMIT 1").pluck().get() as string;
      expect((await desk.dispatch('application.approve', { applicationId: next }, officer)).ok).toBe(true);
    } finally {
      await desk.close();
    }
  });

  it("carries the folder's secrets inside the encrypted backup, and puts back the ones a new folder lacks", async () => {
    const t = await makeDesk();
    t.desk.secrets.set('sms.apiKey', 'atsk_carried_in_the_backup');
    t.desk.secrets.set('server.ecitizenSecret', 'ecitizen-shared-secret-0042');
    await t.desk.close();
    const out = path.join(tempDir(), 'with-secrets.sqlite');
    expect((await kmlttb(['--data', t.dir, 'backup', '--out', out])).code).toBe(0);
    const bytes = fs.readFileSync(out);
    expect(bytes.includes('atsk_carried_in_the_backup')).toBe(false);

    const restored = path.join(tempDir(), 'new-disk');
    const r = await kmlttb(['--data', restored, 'restore', out], { KMLTTB_DB_KEY: folderKey(t.dir) });
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/put back from the backup: sms\.apiKey, server\.ecitizenSecret\./);
    const secrets = openSecretStore(restored);
    expect(secrets.get('sms.apiKey')).toBe('atsk_carried_in_the_backup');
    expect(secrets.get('server.ecitizenSecret')).toBe('ecitizen-shared-secret-0042');
    // The database key stays out of the backup, and the copy in place holds no secrets table.
    expect(secrets.has('db.key')).toBe(false);
    const db = openEncrypted(path.join(restored, DATABASE_FILE), folderKey(t.dir), { readonly: true });
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'backup_secrets'").pluck().get()).toBe(0);
    db.close();
  });

  it('holds no national ID, name or phone of the data in clear', () => {
    const desk = openEncrypted(path.join(source.dir, DATABASE_FILE), source.key, { readonly: true });
    const values = (desk.prepare("SELECT national_id, first_name || ' ' || last_name, last_name, phone FROM practitioners").raw().all() as (string | null)[][])
      .flat()
      .filter((v): v is string => !!v);
    desk.close();
    expect(values.length).toBeGreaterThanOrEqual(60);
    const bytes = fs.readFileSync(source.backup);
    expect(values.filter((v) => bytes.includes(Buffer.from(v, 'utf8')))).toEqual([]);
  });

  it('exits 1 with a clear message when the target cannot be written, leaving nothing behind', async () => {
    const missing = await kmlttb(['--data', source.dir, 'backup', '--out', path.join(tempDir(), 'no', 'such', 'folder', 'b.sqlite')]);
    expect(missing).toMatchObject({ code: 1, err: expect.stringMatching(/Cannot write .*b\.sqlite: its folder does not exist/) });
    const readOnly = tempDir();
    fs.chmodSync(readOnly, 0o500);
    const refused = await kmlttb(['--data', source.dir, 'backup', '--out', path.join(readOnly, 'b.sqlite')]);
    fs.chmodSync(readOnly, 0o700);
    // root writes anywhere: then the backup is simply made.
    if (process.getuid?.() !== 0) {
      expect(refused).toMatchObject({ code: 1, err: expect.stringMatching(/Cannot write .*: no permission to write in its folder/) });
      expect(fs.readdirSync(readOnly)).toEqual([]);
    }
  });
});

describe('kmlttb restore', () => {
  async function refused(file: string, message: RegExp, env: Record<string, string | undefined> = {}) {
    const before = folderState(source.dir);
    const r = await kmlttb(['--data', source.dir, 'restore', file], env);
    expect(r.code, r.out + r.err).toBe(1);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/at .*\.ts:\d+/);
    expect(folderState(source.dir)).toEqual(before);
  }

  it('refuses a damaged backup (bytes flipped in the middle), changing nothing', async () => {
    await refused(
      variant((b) => {
        const at = Math.floor(b.length / 2);
        for (let i = at; i < at + 64; i++) b[i] = b[i]! ^ 0xff;
        return b;
      }),
      /cannot be restored: it is damaged|does not open with the key kept in this data folder/,
    );
  });

  it('refuses random bytes and a database of other content in clear, changing nothing', async () => {
    await refused(
      variant(() => randomBytes(64 * 1024)),
      /does not open with the key kept in this data folder/,
    );
    const plain = path.join(tempDir(), 'other.sqlite');
    const other = new BetterSqlite3(plain);
    other.exec("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('shopping list')");
    other.close();
    await refused(plain, /does not open with the key kept in this data folder/);
  });

  it('refuses an encrypted database that is not a KMLTTB one, changing nothing', async () => {
    const foreign = path.join(tempDir(), 'foreign.sqlite');
    const db = openEncrypted(foreign, source.key);
    db.exec("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('shopping list')");
    db.close();
    await refused(foreign, /cannot be restored: it is not a KMLTTB Licensing Desk database/);
  });

  it('refuses a backup from a newer version, one whose rows were changed, and one whose audit trail was edited and sealed again, changing nothing', async () => {
    /** A copy of the source backup changed through SQL with the folder's key; sealed again like a real backup when `reseal`. */
    const edited = (sql: string, reseal: boolean) => {
      const file = variant((b) => b);
      const db = openEncrypted(file, source.key);
      db.exec(sql);
      db.close();
      if (reseal) {
        dropSeal(file, source.key);
        sealBackup(file, source.key);
      }
      return file;
    };
    await refused(
      edited(
        `INSERT INTO schema_migrations (version, name, applied_at) VALUES (${LATEST_SCHEMA_VERSION + 1}, 'from_the_future', '2027-01-01T00:00:00Z')`,
        true,
      ),
      new RegExp(`made by a newer version .*schema ${LATEST_SCHEMA_VERSION + 1}`),
    );
    const audit = "UPDATE audit_events SET summary = 'nothing happened' WHERE seq = 2";
    await refused(edited(audit, false), /cannot be restored: it is damaged \(its rows no longer match the seal it was made with\)/);
    await refused(edited(audit, true), /audit trail is broken at event 2/);
  });

  it("names KMLTTB_DB_KEY when neither it nor the folder's key opens the backup", async () => {
    await refused(source.backup, /does not open with KMLTTB_DB_KEY/, { KMLTTB_DB_KEY: 'ab'.repeat(32) });
    const empty = path.join(tempDir(), 'empty-desk');
    const r = await kmlttb(['--data', empty, 'restore', source.backup]);
    expect(r).toMatchObject({ code: 1, err: expect.stringMatching(/set KMLTTB_DB_KEY/) });
    expect(fs.existsSync(empty)).toBe(false);
  });

  it('refuses while kmlttb server has the folder open, and a second server on it is refused too, naming the folder', async () => {
    const server = await startKmlttb(['--data', source.dir, 'server', '--port', '0'], /Listening on/, started);
    // The service makes its first daily backup as it starts: wait for it before comparing.
    await vi.waitFor(() => expect(fs.readdirSync(path.join(source.dir, 'backups')).some((n) => /^kmlttb-.*\.sqlite$/.test(n))).toBe(true), { timeout: 20_000 });
    await refused(source.backup, new RegExp(`The data folder ${source.dir} is open in another program`));
    const second = await kmlttb(['--data', source.dir, 'server', '--port', '0']);
    expect(second).toMatchObject({ code: 1, err: expect.stringContaining(`The data folder ${source.dir} is open in another program`) });
    // The other restore tests use the folder after this one, in whatever order they run.
    const stopped = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await stopped;
  });

  it('puts a good backup in place, keeping the replaced database and its WAL in backups/', async () => {
    const t = await makeDesk();
    const centre = t.desk.sqlite.prepare('SELECT count(*) FROM centres').pluck().get();
    const backup = path.join(tempDir(), 'b.sqlite');
    await t.desk.close();
    expect((await kmlttb(['--data', t.dir, 'backup', '--out', backup])).code).toBe(0);
    const desk = openDesk(t.dir);
    desk.sqlite
      .prepare("INSERT INTO centres (id, code, name, town, updated_at) VALUES ('c-after', 'AFT', 'RBTC After Backup', 'Nyeri', '2026-11-25T07:30:00.000Z')")
      .run();
    await desk.close();
    const r = await kmlttb(['--data', t.dir, 'restore', backup]);
    expect(r.code, r.err).toBe(0);
    const kept = /kept at (.*replaced-[^\s]+)\.$/m.exec(r.out)![1]!;
    expect(path.dirname(kept)).toBe(path.join(t.dir, 'backups'));
    const back = openDesk(t.dir);
    expect(back.sqlite.prepare('SELECT count(*) FROM centres').pluck().get()).toBe(centre);
    await back.close();
    const old = openEncrypted(kept, folderKey(t.dir), { readonly: true });
    expect(old.prepare("SELECT name FROM centres WHERE code = 'AFT'").pluck().get()).toBe('RBTC After Backup');
    old.close();
  });
});
