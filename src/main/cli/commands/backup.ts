import type { Command } from 'commander';
import fs from 'node:fs';
import { formatFileSize } from '../../../shared/fileSize.js';
import { backupDatabase } from '../../backup/makeBackup.js';
import { databaseToBackUp } from '../../backup/databaseToBackUp.js';
import { restoreDatabase } from '../../backup/restore.js';
import { restoreKey } from '../../backup/restoreKey.js';
import { lockDataFolder } from '../../db/folderLock.js';
import { schemaVersion } from '../../db/migrate.js';
import { openDesk } from '../../desk.js';
import { openSecretStore } from '../../settings/secretStore.js';
import { defaultDataDir } from '../dataDir.js';
import type { GlobalOptions } from '../support.js';

export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .description("write a consistent, encrypted copy of the data folder's database, while it is in use")
    .requiredOption('--out <file>', 'the backup file (written whole or not at all)')
    .action(async (opts: { out: string }) => {
      const dataDir = program.opts<GlobalOptions>().data ?? defaultDataDir();
      // Read-only: the desk is not opened (that would write, migrate, seed), so programs writing
      // to the folder meanwhile are not disturbed.
      const { file, key } = databaseToBackUp(dataDir);
      const made = await backupDatabase(file, key, opts.out, openSecretStore(dataDir));
      console.log(`Backup written: ${made.file} (${made.bytes} bytes, ${formatFileSize(made.bytes)}), encrypted with the data folder's key.`);
    });

  program
    .command('restore')
    .description("check a backup and put it in place of the data folder's database (the replaced one is kept in backups/)")
    .argument('<file>', 'the backup file')
    .action(async (file: string) => {
      const dataDir = program.opts<GlobalOptions>().data ?? defaultDataDir();
      const folderExisted = fs.existsSync(dataDir);
      const lock = await lockDataFolder(dataDir);
      let restored = false;
      try {
        const result = restoreDatabase(dataDir, file, restoreKey(dataDir), openSecretStore(dataDir));
        restored = true;
        // Opening the desk migrates an older backup (copying it into backups/ first).
        const desk = openDesk(dataDir, { notice: (line) => console.error(line) });
        const version = schemaVersion(desk.sqlite);
        await desk.close();
        console.log(
          `Restored ${file} into ${dataDir}: ${result.auditEvents} audit events verified, schema ${result.schemaVersion}${version > result.schemaVersion ? `, migrated to ${version}` : ''}.`,
        );
        if (result.secretsRestored.length) console.log(`Secrets the folder lacked, put back from the backup: ${result.secretsRestored.join(', ')}.`);
        console.log(result.replacedKeptAt ? `The database it replaced is kept at ${result.replacedKeptAt}.` : 'The folder had no database before.');
      } finally {
        await lock.release();
        // A folder made only to be refused into is not left behind.
        if (!restored && !folderExisted) fs.rmSync(dataDir, { recursive: true, force: true });
      }
    });
}
