import path from 'node:path';
import type { DeskServices } from '../core/desk.js';
import { keyOf } from '../db/cipher.js';
import { snapshotOnWorker } from './snapshot.js';
import { writeWholeFile } from './wholeFile.js';

export interface BackupMade {
  /** The backup's absolute path. */
  file: string;
  bytes: number;
}

/**
 * A backup of the desk's database at `out`, encrypted with the desk's key: made on a worker thread
 * (the desk goes on answering), written whole or not at all.
 */
export async function backupDesk(desk: Pick<DeskServices, 'sqlite'>, out: string): Promise<BackupMade> {
  const key = keyOf(desk.sqlite);
  if (!key) throw new Error('the desk\'s connection has no database key');
  const file = path.resolve(out);
  const bytes = await writeWholeFile(file, (temporary) => snapshotOnWorker(desk.sqlite.name, key, temporary));
  return { file, bytes };
}
