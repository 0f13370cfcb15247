import Database from 'better-sqlite3';

/**
 * Another program's connection to a desk's database file (its own locks, its own transactions).
 * The one place tests open the desk's file themselves: where the key goes once the file is encrypted.
 */
export function openSecondConnection(file: string): Database.Database {
  return new Database(file, { fileMustExist: true });
}

/** Takes the database's write lock on a second connection and holds it until `release`. */
export function holdWriteLock(file: string): { release(): void } {
  const other = openSecondConnection(file);
  other.exec('BEGIN IMMEDIATE');
  return {
    release() {
      other.exec('ROLLBACK');
      other.close();
    },
  };
}
