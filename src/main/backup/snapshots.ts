import fs from 'node:fs';
import path from 'node:path';
import type { DeskServices } from '../core/deskServices.js';
import { backupsFolder, listBackups, snapshotName } from './backupsFolder.js';
import { backupDesk, type BackupMade } from './makeBackup.js';
import { snapshotsToRemove } from './retention.js';

/** A snapshot of the desk into its backups/ folder (daily, or "Back up now"), then retention. */
export async function makeSnapshot(desk: Pick<DeskServices, 'dataDir' | 'sqlite' | 'clock' | 'secrets'>): Promise<BackupMade> {
  const made = await backupDesk(desk, path.join(backupsFolder(desk.dataDir), snapshotName(desk.clock())));
  pruneSnapshots(desk.dataDir);
  return made;
}

/** Removes the snapshots retention does not keep (the other backups are kept until removed by hand). */
export function pruneSnapshots(dataDir: string): string[] {
  const snapshots = listBackups(dataDir).filter((b) => b.kind === 'snapshot');
  const removed = snapshotsToRemove(snapshots);
  for (const name of removed) fs.rmSync(path.join(backupsFolder(dataDir), name), { force: true });
  return removed;
}
