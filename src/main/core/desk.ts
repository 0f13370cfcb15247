import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Logger } from '../log/logger.js';
import type { SecretStore } from '../settings/secretStore.js';
import type { CommandHandlers, QueryHandlers } from './registry.js';

/** What commands, queries and transports share for one desk (one data folder). */
export interface DeskServices {
  dataDir: string;
  db: Kysely<Database>;
  sqlite: BetterSqlite3.Database;
  deskId: string;
  secrets: SecretStore;
  handlers: { commands: CommandHandlers; queries: QueryHandlers };
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
}
