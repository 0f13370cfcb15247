import type { CentreRow } from '../../shared/contract/admin.js';
import { UserError } from '../../shared/errors.js';
import { defineQuery } from '../core/registry.js';
import { sql, type ReadableDB } from '../db/handles.js';
import type { CentresTable } from '../db/schema.js';

type Row = Pick<CentresTable, 'id' | 'code' | 'name' | 'town' | 'region' | 'active'>;
const toCentreRow = (r: Row): CentreRow => ({ ...r, active: r.active === 1 });

const centres = (db: ReadableDB) => db.selectFrom('centres').select(['id', 'code', 'name', 'town', 'region', 'active']);

export function centreById(db: ReadableDB, id: string): CentreRow {
  const row = db.first(centres(db).where('id', '=', id));
  if (!row) throw new UserError('not_found', `No centre with id ${id}.`);
  return toCentreRow(row);
}

/** Finds a centre by its code or its name (with or without the 'RBTC ' prefix), ignoring case. */
export function findCentre(db: ReadableDB, codeOrName: string): CentreRow | undefined {
  const key = codeOrName.trim();
  const row = db.first(
    centres(db)
      .where(sql<boolean>`code = upper(${key}) OR lower(name) = lower(${key}) OR lower(name) = lower('RBTC ' || ${key})`)
      .limit(1),
  );
  return row && toCentreRow(row);
}

export const centresList = defineQuery('centres.list', async ({ db }) => db.all(centres(db).orderBy('active', 'desc').orderBy('name')).map(toCentreRow));
