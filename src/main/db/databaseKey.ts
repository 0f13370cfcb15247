/**
 * Which key opens a data folder's database (INTERFACES.md, "Data at rest"):
 * - `KMLTTB_DB_KEY` (64 hex characters) when set: the folder keeps no key of its own;
 * - otherwise the folder's `db.key` secret: sealed by the operating system in the desktop app,
 *   in `secrets.json` (its owner's only) in plain Node;
 * - a folder that has no database yet, or one in clear from before encryption, gets a new key
 *   kept in the folder: in plain Node that key lies beside the data, said in one line.
 * An encrypted database whose key is not here is not opened: the message names the variable.
 */
import { UserError } from '../../shared/errors.js';
import type { SecretStore } from '../settings/secretStore.js';
import { SECRET_ENV } from '../settings/secretNames.js';
import { DATABASE_KEY_PATTERN, newDatabaseKey } from './cipher.js';

const KEY_ENV = SECRET_ENV['db.key'];

/** Said once, in plain Node, when a new folder's key is kept in the folder. */
export const KEY_BESIDE_DATA_NOTICE = `Note: the database key is kept beside the data (secrets.json in the data folder): fine for trials and tests, not for a laptop. Set ${KEY_ENV} to keep it elsewhere.`;

export interface DatabaseKey {
  key: string;
  /** Where it came from, as the person who must supply it again would name it. */
  source: string;
  /** Said once, when the key was made and kept in the folder in clear. */
  notice: string | null;
}

/**
 * The key for the database at `file`. `store` is the folder's own secret store (not the
 * environment view); `sealed` says whether it seals values with the operating system.
 */
export function databaseKey(
  file: string,
  state: 'new' | 'clear' | 'encrypted',
  store: SecretStore,
  sealed: boolean,
  env: NodeJS.ProcessEnv = process.env,
): DatabaseKey {
  const fromEnv = environmentKey(env);
  if (fromEnv) return { key: fromEnv, source: KEY_ENV, notice: null };
  const kept = store.get('db.key');
  if (kept !== null) {
    if (!DATABASE_KEY_PATTERN.test(kept))
      throw new UserError('database_key', `The database key kept for ${file} is not 64 hexadecimal characters: set ${KEY_ENV} to the folder's key.`, {
        field: KEY_ENV,
      });
    return { key: kept, source: 'the key kept in this data folder', notice: null };
  }
  if (state === 'encrypted') {
    throw new UserError('database_key', `${file} is encrypted and its key is not here: set ${KEY_ENV} to the folder's key (64 hexadecimal characters).`, {
      field: KEY_ENV,
    });
  }
  const key = newDatabaseKey();
  store.set('db.key', key);
  return { key, source: 'the key kept in this data folder', notice: sealed ? null : KEY_BESIDE_DATA_NOTICE };
}

/** `KMLTTB_DB_KEY`, checked, when set; null when not. */
export function environmentKey(env: NodeJS.ProcessEnv = process.env): string | null {
  const value = env[KEY_ENV]?.trim();
  if (!value) return null;
  if (!DATABASE_KEY_PATTERN.test(value)) {
    throw new UserError('database_key', `${KEY_ENV} must be 64 hexadecimal characters (a 256-bit key); it has ${value.length} characters.`, { field: KEY_ENV });
  }
  return value.toLowerCase();
}

/** The error for a key that does not open the file. */
export function wrongKeyError(file: string, source: string): UserError {
  return new UserError(
    'database_key',
    `${file} does not open with ${source}: it was encrypted with another key, or it is damaged. Set ${KEY_ENV} to the folder's key.`,
    { field: KEY_ENV },
  );
}
