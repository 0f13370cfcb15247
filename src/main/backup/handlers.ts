import path from 'node:path';
import type { BackupRow } from '../../shared/contract/backup.js';
import { UserError } from '../../shared/errors.js';
import { defineCommand, defineQuery } from '../core/registry.js';
import { keyOf } from '../db/cipher.js';
import { BACKUPS_FOLDER, listBackups, type BackupFile } from './backupsFolder.js';
import { checkBackup } from './checkBackup.js';
import { pendingRestore, requestRestoreAtStart } from './restoreAtStart.js';
import { makeSnapshot } from './snapshots.js';

function row(b: BackupFile): BackupRow {
  return { file: b.name, kind: b.kind, at: b.at.toISOString(), bytes: b.bytes };
}

/** "Back up now": the snapshot is made before the transaction (on a worker), the command records it. */
export const backupCreate = defineCommand(
  'backup.create',
  async (ctx, _input, made: BackupRow) => {
    ctx.deskLocal();
    ctx.audit({
      action: 'backup.create',
      entity: 'desk',
      entityId: ctx.desk.deskId,
      summary: `Backed up the database to ${BACKUPS_FOLDER}/${made.file} (${made.bytes} bytes)`,
    });
    return made;
  },
  {
    prepare: async (_input, desk) => {
      const made = await makeSnapshot(desk);
      return (
        listBackups(desk.dataDir)
          .map(row)
          .find((b) => b.file === path.basename(made.file)) ?? {
          file: path.basename(made.file),
          kind: 'snapshot',
          at: desk.clock().toISOString(),
          bytes: made.bytes,
        }
      );
    },
  },
);

/** Restore from Settings: checked now, put in place when the desk starts again (the running program holds the database). */
export const backupRestoreAtStart = defineCommand(
  'backup.restoreAtStart',
  async (ctx, input) => {
    ctx.deskLocal();
    ctx.audit({
      action: 'backup.restoreAtStart',
      entity: 'desk',
      entityId: ctx.desk.deskId,
      summary: `Asked to restore ${BACKUPS_FOLDER}/${input.file} at the next start`,
    });
    ctx.afterCommit(() => requestRestoreAtStart(ctx.desk.dataDir, { file: input.file, requestedBy: ctx.actor.username, requestedAt: ctx.now }));
    return { file: input.file, restartRequired: true as const };
  },
  {
    prepare: async (input, desk) => {
      const found = listBackups(desk.dataDir).find((b) => b.name === input.file);
      if (!found) throw new UserError('not_found', `There is no backup ${input.file} in this desk's backups folder.`, { field: 'file' });
      const key = keyOf(desk.sqlite);
      if (!key) throw new Error("the desk's connection has no database key");
      checkBackup(path.join(desk.dataDir, BACKUPS_FOLDER, found.name), key, "this desk's key", found.name);
      return undefined;
    },
  },
);

export const backupsList = defineQuery('backups.list', async (ctx) => {
  const backups = listBackups(ctx.desk.dataDir).map(row);
  return { last: backups[0] ?? null, backups, restoreAtStart: pendingRestore(ctx.desk.dataDir) };
});
