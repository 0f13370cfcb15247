import { describe, expect, it } from 'vitest';
import { storageUserError } from '../../../src/main/core/storageErrors.js';

const sqliteError = (code: string) => Object.assign(new Error(code.toLowerCase()), { code });

describe('a storage failure is told to the person as what to do', () => {
  it('a full disk and a locked database are user errors with their own codes; other SQLite errors stay internal', () => {
    expect(storageUserError(sqliteError('SQLITE_FULL'))?.code).toBe('disk_full');
    for (const code of ['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_LOCKED']) expect(storageUserError(sqliteError(code))?.code).toBe('database_busy');
    expect(storageUserError(sqliteError('SQLITE_CONSTRAINT_UNIQUE'))).toBeNull();
    expect(storageUserError(new Error('SQLITE_FULL'))).toBeNull();
  });
});
