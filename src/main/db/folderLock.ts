/**
 * One long-running program at a time on a data folder: the desktop app, `kmlttb web` and
 * `kmlttb server` hold this lock for as long as they run, and `kmlttb restore` takes it for the
 * time it replaces the database. Short commands (import, config, sync…) do not: they share the
 * database through SQLite's own locking, as before.
 *
 * proper-lockfile makes a lock folder (an atomic mkdir, on any file system) and keeps touching it;
 * one left by a clean exit is removed on the way out. A lock left by a program that was killed is
 * taken over at once when its owner file names a process of this computer that is gone, else once
 * it has not been touched for STALE_MS.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { UserError } from '../../shared/errors.js';
import { ensureDataFolder } from './open.js';

export const LOCK_NAME = 'kmlttb.lock';
/** Beside the lock folder (proper-lockfile removes the folder with rmdir, so it stays empty): `pid@hostname` of its holder. */
const OWNER_FILE = 'kmlttb.lock.owner';
const STALE_MS = 10_000;

export interface FolderLock {
  release(): Promise<void>;
}

/** Takes the data folder's lock, or throws a `folder_in_use` user error naming the folder. */
export async function lockDataFolder(dataDir: string): Promise<FolderLock> {
  ensureDataFolder(dataDir);
  const folder = fs.realpathSync(dataDir);
  const lockPath = path.join(folder, LOCK_NAME);
  const ownerPath = path.join(folder, OWNER_FILE);
  const take = () =>
    lockfile.lock(folder, {
      lockfilePath: lockPath,
      stale: STALE_MS,
      realpath: false,
      // Touching the lock failed for long enough that another program may have taken it over.
      onCompromised: (err) => console.error(`[lock] the lock on ${folder} was lost: ${err.message}`),
    });
  let release: () => Promise<void>;
  try {
    release = await take().catch(async (err: NodeJS.ErrnoException) => {
      if (err.code !== 'ELOCKED' || !ownerIsGone(ownerPath)) throw err;
      fs.rmSync(lockPath, { recursive: true, force: true });
      return take();
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ELOCKED') throw inUse(dataDir);
    throw err;
  }
  fs.writeFileSync(ownerPath, `${process.pid}@${os.hostname()}`);
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      fs.rmSync(ownerPath, { force: true });
      await release();
    },
  };
}

/** True when the lock's owner file names a process of this computer that no longer runs. */
function ownerIsGone(ownerPath: string): boolean {
  let owner: string;
  try {
    owner = fs.readFileSync(ownerPath, 'utf8');
  } catch {
    return false;
  }
  const [pid, host] = owner.split('@');
  if (host !== os.hostname() || !/^\d+$/.test(pid ?? '')) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

export function inUse(dataDir: string): UserError {
  return new UserError(
    'folder_in_use',
    `The data folder ${dataDir} is open in another program (the desktop app, kmlttb web or kmlttb server). Close that program first.`,
  );
}
