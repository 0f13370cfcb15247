import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { UserError } from '../../shared/errors.js';
import { DATABASE_FILE } from '../db/open.js';
import type { SecretName } from '../settings/secretNames.js';
import type { SecretStore } from '../settings/secretStore.js';
import { takeSecrets } from './backupSecrets.js';
import { dropSeal } from './backupSeal.js';
import { backupsFolder, fileStamp } from './backupsFolder.js';
import { checkBackup, type CheckedBackup } from './checkBackup.js';
import type { RestoreKey } from './restoreKey.js';
import { syncFolder } from './wholeFile.js';

export interface Restored extends CheckedBackup {
  /** Where the database it replaced was put (in backups/), or null when the folder had none. */
  replacedKeptAt: string | null;
  /** The secrets the folder lacked, put back from the backup. */
  secretsRestored: SecretName[];
}

/** What SQLite may keep beside a database file. */
const SIDE_FILES = ['-wal', '-shm', '-journal'];

/**
 * Puts the backup `file` in place of the data folder's database, once it checks out (checkBackup),
 * keeping the database it replaces in backups/ with its WAL (which may hold its latest commits).
 * The caller makes sure nothing else has the folder open (lockDataFolder). When the backup is
 * refused, the folder's files are left as they were.
 */
export function restoreDatabase(dataDir: string, file: string, key: RestoreKey, secrets: SecretStore, now = new Date()): Restored {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // The backup is checked as a copy already in the folder: the file put in place is the very file
  // that was checked, and opening it makes no -wal or -shm beside the original.
  const incoming = path.join(dataDir, `${DATABASE_FILE}.restoring-${randomBytes(4).toString('hex')}`);
  let checked: CheckedBackup;
  try {
    copyIn(file, incoming);
    checked = checkBackup(incoming, key.key, key.source, file);
  } catch (err) {
    for (const f of [incoming, ...SIDE_FILES.map((s) => incoming + s)]) fs.rmSync(f, { force: true });
    throw err;
  }
  const secretsRestored = takeSecrets(incoming, key.key, secrets);
  dropSeal(incoming, key.key);
  const replacedKeptAt = putAside(dataDir, now);
  fs.renameSync(incoming, path.join(dataDir, DATABASE_FILE));
  syncFolder(dataDir);
  return { ...checked, replacedKeptAt, secretsRestored };
}

function copyIn(file: string, incoming: string): void {
  try {
    fs.copyFileSync(file, incoming, fs.constants.COPYFILE_EXCL);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'EACCES') {
      throw new UserError('not_found', `Cannot read ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'no permission'}.`);
    }
    throw err;
  }
  fs.chmodSync(incoming, 0o600);
}

/**
 * Moves the folder's database and its WAL into backups/ as `kmlttb.sqlite.replaced-<time>` (and
 * `…-wal`: SQLite finds a WAL by the database's name, so the pair opens as it was). The database
 * is linked there first, so that until the new file is renamed in the folder still has one.
 */
function putAside(dataDir: string, now: Date): string | null {
  const current = path.join(dataDir, DATABASE_FILE);
  if (!fs.existsSync(current) || fs.statSync(current).size === 0) {
    for (const s of SIDE_FILES) fs.rmSync(current + s, { force: true });
    return null;
  }
  const aside = path.join(backupsFolder(dataDir), `${DATABASE_FILE}.replaced-${fileStamp(now)}`);
  try {
    fs.linkSync(current, aside);
  } catch {
    fs.copyFileSync(current, aside, fs.constants.COPYFILE_EXCL);
  }
  for (const s of ['-wal', '-journal']) {
    if (fs.existsSync(current + s)) fs.renameSync(current + s, aside + s);
  }
  fs.rmSync(current + '-shm', { force: true });
  return aside;
}
