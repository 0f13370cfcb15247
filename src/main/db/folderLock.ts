/**
 * One long-running program at a time on a data folder: the desktop app, `kmlttb web` and
 * `kmlttb server` hold this lock for as long as they run, and `kmlttb restore` takes it for the
 * time it replaces the database. Short commands (import, config, sync…) do not: they share the
 * database through SQLite's own locking, as before.
 *
 * proper-lockfile makes a lock folder (an atomic mkdir, on any file system) and keeps touching it;
 * a lock left by a program that was killed is taken over once it has not been touched for
 * STALE_MS, and one left by a clean exit is removed on the way out.
 */
import fs from 'node:fs';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { UserError } from '../../shared/errors.js';
import { ensureDataFolder } from './open.js';

export const LOCK_NAME = 'kmlttb.lock';
const STALE_MS = 10_000;

export interface FolderLock {
  release(): Promise<void>;
}

/** Takes the data folder's lock, or throws a `folder_in_use` user error naming the folder. */
export async function lockDataFolder(dataDir: string): Promise<FolderLock> {
  ensureDataFolder(dataDir);
  const folder = fs.realpathSync(dataDir);
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(folder, {
      lockfilePath: path.join(folder, LOCK_NAME),
      stale: STALE_MS,
      realpath: false,
      // Touching the lock failed for long enough that another program may have taken it over.
      onCompromised: (err) => console.error(`[lock] the lock on ${folder} was lost: ${err.message}`),
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ELOCKED') throw inUse(dataDir);
    throw err;
  }
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      await release();
    },
  };
}

export function inUse(dataDir: string): UserError {
  return new UserError(
    'folder_in_use',
    `The data folder ${dataDir} is open in another program (the desktop app, kmlttb web or kmlttb server). Close that program first.`,
  );
}
