import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { Kysely } from 'kysely';
import type { ReadableDB, WritableDB } from '../db/handles.js';
import type { Database } from '../db/schema.js';
import type { Logger } from '../log/logger.js';
import type { SecretStore } from '../settings/secretStore.js';

/** What commands, queries and transports share for one desk (one data folder). */
export interface DeskServices {
  dataDir: string;
  db: Kysely<Database>;
  /** The raw connection: only for the database layer and the few places named there (see db/handles.ts). */
  sqlite: BetterSqlite3.Database;
  /** Reads on the desk's connection (see db/handles.ts). */
  read: ReadableDB;
  /** Writes on the desk's connection, for writers outside `dispatch` (workers, sync): commands use their context's. */
  write: WritableDB;
  deskId: string;
  secrets: SecretStore;
  clock(): Date;
  /** The process's log (silent unless the process opened a log file: see log/logger.ts). */
  log: Logger;
  /** True once this desk has joined a central service (it then records its ops in the outbox). */
  syncEnabled(): boolean;
  /** Reads a setting: environment override, stored value, then the default. */
  setting(key: string): string;
  /** Wakes the SMS worker after a commit that queued messages (no-op when none runs). */
  notifySmsQueued(): void;
  /** Called after each commit while the desk syncs: the sync client pushes soon after. */
  notifyChanged(): void;
  /**
   * A read-only connection of its own, with SQLite's small page cache, for a long read (an export,
   * the audit chain's check); the caller closes it.
   */
  openReader(): BetterSqlite3.Database;
}

/** The desk as a query sees it: without its ways to write (a query reads through its ReadableDB). */
export type ReadingDesk = Omit<DeskServices, 'write' | 'sqlite' | 'db'>;
