/** Bundled migrations, in order. Never a folder read at run time. */
import * as m001 from './001_initial.js';
import * as m002 from './002_sms_sending.js';
import * as m003 from './003_applications_grid.js';
import * as m004 from './004_payments.js';
import * as m005 from './005_licences.js';
import * as m006 from './006_sync.js';
import * as m007 from './007_search_state.js';
import * as m008 from './008_op_signing.js';
import * as m009 from './009_secrets.js';
import * as m010 from './010_desk_tokens.js';
import * as m011 from './011_sms_health.js';
import * as m012 from './012_applications_indexes.js';
import * as m013 from './013_grid_state.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, ...m001 },
  { version: 2, ...m002 },
  { version: 3, ...m003 },
  { version: 4, ...m004 },
  { version: 5, ...m005 },
  { version: 6, ...m006 },
  { version: 7, ...m007 },
  { version: 8, ...m008 },
  { version: 9, ...m009 },
  { version: 10, ...m010 },
  { version: 11, ...m011 },
  { version: 12, ...m012 },
  { version: 13, ...m013 },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
