/** Bundled migrations, in order. Never a folder read at run time. */
import * as m001 from './001_initial.js';
import * as m002 from './002_sms_sending.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, ...m001 },
  { version: 2, ...m002 },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
