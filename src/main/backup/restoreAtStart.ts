/**
 * A restore asked for while the desk runs (Settings): the running program holds the database
 * open, so the backup is put in place at the next start, by openDesk, before the database is
 * opened, with the checks of `kmlttb restore`. The request is a small file in the data folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../../shared/errors.js';
import { BACKUPS_FOLDER, listBackups } from './backupsFolder.js';
import { restoreDatabase } from './restore.js';
import type { SecretStore } from '../settings/secretStore.js';
import type { RestoreKey } from './restoreKey.js';

export const RESTORE_MARKER = 'restore-at-start.json';

export interface RestoreRequest {
  /** A file name in backups/. */
  file: string;
  requestedBy: string;
  requestedAt: string;
}

export function requestRestoreAtStart(dataDir: string, request: RestoreRequest): void {
  if (!listBackups(dataDir).some((b) => b.name === request.file)) {
    throw new UserError('not_found', `There is no backup ${request.file} in this desk's backups folder.`, { field: 'file' });
  }
  fs.writeFileSync(path.join(dataDir, RESTORE_MARKER), JSON.stringify(request), { mode: 0o600 });
}

export function pendingRestore(dataDir: string): RestoreRequest | null {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dataDir, RESTORE_MARKER), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  try {
    const parsed = JSON.parse(text) as Partial<RestoreRequest>;
    if (typeof parsed.file === 'string')
      return { file: parsed.file, requestedBy: String(parsed.requestedBy ?? ''), requestedAt: String(parsed.requestedAt ?? '') };
  } catch {
    // An unreadable request is dropped below, and said.
  }
  return { file: '', requestedBy: '', requestedAt: '' };
}

export function cancelRestoreAtStart(dataDir: string): void {
  fs.rmSync(path.join(dataDir, RESTORE_MARKER), { force: true });
}

/**
 * Does the restore a request asks for, once: the request is removed whatever the outcome, so a
 * refused backup never stops the desk from starting on the database it has. Returns the line to
 * tell the person who starts the desk.
 */
export function applyPendingRestore(dataDir: string, request: RestoreRequest, key: RestoreKey, secrets: SecretStore): string {
  try {
    if (!request.file || path.basename(request.file) !== request.file) {
      throw new UserError('invalid_input', `the request in ${RESTORE_MARKER} names no backup of this folder`);
    }
    const restored = restoreDatabase(dataDir, path.join(dataDir, BACKUPS_FOLDER, request.file), key, secrets);
    return `Restored the backup ${request.file}, as ${request.requestedBy || 'an administrator'} asked; the database it replaced is kept at ${restored.replacedKeptAt ?? '(none)'}.`;
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    return `The restore of ${request.file || 'a backup'} asked for in Settings was not done: ${err.message} The desk opens on its database as it was.`;
  } finally {
    cancelRestoreAtStart(dataDir);
  }
}
