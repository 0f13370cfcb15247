import type { Desk } from './core/deskApi.js';
import { dispatch, runQuery } from './core/dispatch.js';
import { databaseFileState } from './db/cipher.js';
import { databaseKey, wrongKeyError } from './db/databaseKey.js';
import { DATABASE_FILE, ensureDataFolder, openDatabase, openReadConnection, type OpenOptions } from './db/open.js';
import { readableDb, statements, writableDb } from './db/handles.js';
import { handlers } from './handlers.js';
import { sweepExportsInBackground } from './reports/exportSweep.js';
import { silentLogger, type Logger } from './log/logger.js';
import { applyPendingRestore, pendingRestore } from './backup/restoreAtStart.js';
import { seedReferenceData } from './seed.js';
import { readSetting } from './settings/read.js';
import path from 'node:path';
import { openSecretStore, withEnvironment, type SecretStore } from './settings/secretStore.js';

/** The opened desk's type lives in core/deskApi.ts, where domain code takes it; the shells may take it from here. */
export type { Desk };

export interface OpenDeskOptions extends OpenOptions {
  clock?: () => Date;
  /** The data folder's secrets: the desktop passes its store that seals with the OS; plain Node's keeps them in clear. */
  secrets?: SecretStore;
  /** Told a line a person running the program should read (plain Node: the key kept beside the data). */
  notice?: (line: string) => void;
  /** Where errors and events go; silent by default. */
  log?: Logger;
}

/** Asked once per op (dispatch): built once (compileOnce). */
const syncState = () => statements.selectFrom('sync_state').select('id').where('id', '=', 1);

export function openDesk(dataDir: string, options: OpenDeskOptions = {}): Desk {
  ensureDataFolder(dataDir);
  // Secrets first: a secrets file that cannot be read stops the opening before the database is touched.
  const log = options.log ?? silentLogger;
  const folderSecrets = options.secrets ?? openSecretStore(dataDir);
  const secrets = withEnvironment(folderSecrets);
  const { key, source, notice } = databaseKey(
    path.join(dataDir, DATABASE_FILE),
    databaseFileState(path.join(dataDir, DATABASE_FILE)),
    folderSecrets,
    options.secrets !== undefined,
  );
  // A restore asked for in Settings is done now, before anything opens the database.
  const request = pendingRestore(dataDir);
  if (request) {
    const outcome = applyPendingRestore(dataDir, request, { key, source }, folderSecrets);
    log.info(outcome);
    options.notice?.(outcome);
  }
  const { sqlite, db, file, close } = openDatabase(dataDir, { key, wrongKey: (f) => wrongKeyError(f, source) }, options);
  if (notice) options.notice?.(notice);
  seedReferenceData(sqlite);
  const read = readableDb(sqlite);
  const deskId = read.first(read.selectFrom('settings').select('value').where('key', '=', 'desk.id'))!.value;
  const smsListeners = new Set<() => void>();
  const changeListeners = new Set<() => void>();
  const desk: Desk = {
    dataDir,
    file,
    db,
    sqlite,
    read,
    write: writableDb(sqlite),
    deskId,
    handlers,
    clock: options.clock ?? (() => new Date()),
    secrets,
    log,
    syncEnabled: () => read.compileOnce(syncState).first() !== undefined,
    setting: (key) => readSetting(read, secrets, key),
    notifySmsQueued: () => smsListeners.forEach((l) => l()),
    notifyChanged: () => changeListeners.forEach((l) => l()),
    dispatch: (name, input, actor, opts) => dispatch(desk, name, input, actor, opts),
    query: (name, input, actor) => runQuery(desk, name, input, actor),
    onSmsQueued(listener) {
      smsListeners.add(listener);
      return () => smsListeners.delete(listener);
    },
    onChanged(listener) {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
    openReader: () => openReadConnection(file, key, options),
    close,
  };
  sweepExportsInBackground(desk);
  return desk;
}
