import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { CentreRow } from '../../shared/contract/admin.js';
import { UserError } from '../../shared/errors.js';
import { defineQuery } from '../core/registry.js';

interface Row { id: string; code: string; name: string; town: string; region: string; active: number }
const toCentreRow = (r: Row): CentreRow => ({ ...r, active: r.active === 1 });

export function centreById(sqlite: BetterSqlite3.Database, id: string): CentreRow {
  const row = sqlite.prepare('SELECT id, code, name, town, region, active FROM centres WHERE id = ?').get(id) as Row | undefined;
  if (!row) throw new UserError('not_found', `No centre with id ${id}.`);
  return toCentreRow(row);
}

/** Finds a centre by its code or its name (with or without the 'RBTC ' prefix), ignoring case. */
export function findCentre(sqlite: BetterSqlite3.Database, codeOrName: string): CentreRow | undefined {
  const key = codeOrName.trim();
  const row = sqlite
    .prepare(
      `SELECT id, code, name, town, region, active FROM centres
       WHERE code = upper(?) OR lower(name) = lower(?) OR lower(name) = lower('RBTC ' || ?) LIMIT 1`,
    )
    .get(key, key, key) as Row | undefined;
  return row && toCentreRow(row);
}

export const centresList = defineQuery('centres.list', async (_db, { sqlite }) =>
  (sqlite.prepare('SELECT id, code, name, town, region, active FROM centres ORDER BY active DESC, name').all() as Row[]).map(toCentreRow));
