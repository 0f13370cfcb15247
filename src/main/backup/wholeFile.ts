import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../../shared/errors.js';

/**
 * Writes `target` whole or not at all: `write` fills a temporary file in the target's own folder
 * (an empty file, owner-only, made here), which is flushed to disk and then renamed over the target,
 * so a crash or a full disk leaves either the old target or the new one, never half a file.
 * Returns the target's size in bytes.
 */
export async function writeWholeFile(target: string, write: (temporary: string) => Promise<void>): Promise<number> {
  const file = startWholeFile(target);
  try {
    await write(file.temporary);
  } catch (err) {
    file.abandon();
    throw err;
  }
  return file.finish();
}

/** writeWholeFile for work done on this thread (a backup while the database is being opened). */
export function writeWholeFileSync(target: string, write: (temporary: string) => void): number {
  const file = startWholeFile(target);
  try {
    write(file.temporary);
  } catch (err) {
    file.abandon();
    throw err;
  }
  return file.finish();
}

function startWholeFile(target: string) {
  const dir = path.dirname(path.resolve(target));
  const temporary = path.join(dir, `.${path.basename(target)}.partial-${randomBytes(4).toString('hex')}`);
  try {
    fs.writeFileSync(temporary, '', { mode: 0o600, flag: 'wx' });
  } catch (err) {
    throw new UserError('invalid_input', `Cannot write ${target}: ${whyNotWritable(err)}.`, { field: '--out' });
  }
  const abandon = () => fs.rmSync(temporary, { force: true });
  return {
    temporary,
    abandon,
    finish(): number {
      try {
        syncFile(temporary);
        fs.renameSync(temporary, target);
      } catch (err) {
        abandon();
        throw err;
      }
      syncFolder(dir);
      return fs.statSync(target).size;
    },
  };
}

function syncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** The rename itself reaches the disk once the folder is flushed (not possible on every system). */
export function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Windows cannot open a folder to flush it; its rename is durable on its own.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Why a file could not be made in a folder, in words a person can act on. */
export function whyNotWritable(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'its folder does not exist';
  if (code === 'EACCES' || code === 'EPERM') return 'no permission to write in its folder';
  if (code === 'EROFS') return 'its folder is on a read-only disk';
  if (code === 'ENOTDIR') return 'its folder is not a folder';
  return (err as Error).message;
}
