import { openFileLog, type FileLog } from './logger.js';
import { installProcessFaults } from './processFaults.js';

/**
 * The log of a long-running command (`kmlttb web`, `kmlttb server`): the data folder's log
 * file, with what nobody caught going into it too. `close` ends both.
 */
export async function openProcessLog(dataDir: string, name: string): Promise<FileLog> {
  const fileLog = await openFileLog(dataDir, name);
  const uninstall = installProcessFaults(fileLog.logger);
  return {
    ...fileLog,
    close: () => {
      uninstall();
      return fileLog.close();
    },
  };
}
