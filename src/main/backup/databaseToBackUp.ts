import path from 'node:path';
import { UserError } from '../../shared/errors.js';
import { databaseFileState, openEncrypted, WrongDatabaseKey } from '../db/cipher.js';
import { wrongKeyError } from '../db/databaseKey.js';
import { DATABASE_FILE } from '../db/open.js';
import { restoreKey } from './restoreKey.js';

/**
 * The data folder's database file and the key that opens it, checked, for a backup made from
 * outside the desk (`kmlttb backup`): nothing is created or changed in the folder.
 */
export function databaseToBackUp(dataDir: string): { file: string; key: string } {
  const file = path.join(dataDir, DATABASE_FILE);
  const state = databaseFileState(file);
  if (state === 'new') throw new UserError('not_found', `${dataDir} has no database to back up.`);
  if (state === 'clear')
    throw new UserError(
      'conflict',
      `${file} is from before encryption at rest: open the folder once with this version (any kmlttb command) to encrypt it, then back it up.`,
    );
  const { key, source } = restoreKey(dataDir);
  try {
    openEncrypted(file, key, { readonly: true, fileMustExist: true }).close();
  } catch (err) {
    throw err instanceof WrongDatabaseKey ? wrongKeyError(file, source) : err;
  }
  return { file, key };
}
