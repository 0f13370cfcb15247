import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../../shared/errors.js';
import { DATABASE_KEY_PATTERN } from '../db/cipher.js';
import { environmentKey } from '../db/databaseKey.js';
import { SECRETS_FILE, openSecretStore } from '../settings/secretStore.js';
import { SECRET_ENV } from '../settings/secretNames.js';

const KEY_ENV = SECRET_ENV['db.key'];

export interface RestoreKey {
  key: string;
  /** How the person who must supply another one would name it. */
  source: string;
}

/**
 * The key the folder opens its database with (KMLTTB_DB_KEY, else the folder's own key), which a
 * backup restored into `dataDir` must open with too. Never a new one: a backup is only ever
 * encrypted with an existing key, and making one here would leave a key beside nothing.
 */
export function restoreKey(dataDir: string, env: NodeJS.ProcessEnv = process.env): RestoreKey {
  const fromEnv = environmentKey(env);
  if (fromEnv) return { key: fromEnv, source: KEY_ENV };
  const kept = fs.existsSync(path.join(dataDir, SECRETS_FILE)) ? openSecretStore(dataDir).get('db.key') : null;
  if (kept && DATABASE_KEY_PATTERN.test(kept)) return { key: kept, source: 'the key kept in this data folder' };
  throw new UserError(
    'database_key',
    `${dataDir} has no database key here: set ${KEY_ENV} to the folder's key (for a restore: the key of the folder the backup was made from) (64 hexadecimal characters).`,
    { field: KEY_ENV },
  );
}
