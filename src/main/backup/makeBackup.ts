import path from 'node:path';
import type { DeskServices } from '../core/deskServices.js';
import { keyOf } from '../db/cipher.js';
import type { SecretStore } from '../settings/secretStore.js';
import { addSecrets } from './backupSecrets.js';
import { sealOnWorker } from './backupSeal.js';
import { snapshotOnWorker } from './snapshot.js';
import { writeWholeFile } from './wholeFile.js';

export interface BackupMade {
  /** The backup's absolute path. */
  file: string;
  bytes: number;
}

/**
 * A backup of the database `file` at `out`, encrypted with its key `key`: made on a worker thread
 * with a read-only connection of its own (the caller goes on answering, other programs go on
 * writing), carrying the folder's secrets (backupSecrets.ts), written whole or not at all.
 */
export async function backupDatabase(file: string, key: string, out: string, secrets: SecretStore): Promise<BackupMade> {
  const target = path.resolve(out);
  const bytes = await writeWholeFile(target, async (temporary) => {
    await snapshotOnWorker(file, key, temporary);
    addSecrets(temporary, key, secrets);
    await sealOnWorker(temporary, key);
  });
  return { file: target, bytes };
}

/** A backup of a running desk's database. */
export async function backupDesk(desk: Pick<DeskServices, 'sqlite' | 'secrets'>, out: string): Promise<BackupMade> {
  const key = keyOf(desk.sqlite);
  if (!key) throw new Error("the desk's connection has no database key");
  return backupDatabase(desk.sqlite.name, key, out, desk.secrets);
}
