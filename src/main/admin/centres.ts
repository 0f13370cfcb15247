import { UserError } from '../../shared/errors.js';
import { newId } from '../core/ids.js';
import { defineCommand } from '../core/registry.js';
import { centreById } from './centresList.js';

export const centreCreate = defineCommand('centre.create', async (ctx, input) => {
  const { db, now } = ctx;
  if (db.first(db.selectFrom('centres').select('id').where('code', '=', input.code))) {
    throw new UserError('conflict', `A centre with code ${input.code} exists already.`, { field: 'code' });
  }
  const id = newId();
  db.run(db.insertInto('centres').values({ id, code: input.code, name: input.name, town: input.town, region: input.region, active: 1, updated_at: now }));
  const centre = centreById(db, id);
  ctx.audit({ action: 'centre.create', entity: 'centre', entityId: id, summary: `Centre ${centre.code} ${centre.name} added`, after: centre });
  return centre;
});

export const centreUpdate = defineCommand('centre.update', async (ctx, input) => {
  const { db, now } = ctx;
  const before = centreById(db, input.id);
  db.run(
    db
      .updateTable('centres')
      .set((eb) => ({
        name: input.name ?? before.name,
        town: input.town ?? before.town,
        region: input.region ?? before.region,
        active: (input.active ?? before.active) ? 1 : 0,
        version: eb('version', '+', 1),
        updated_at: now,
      }))
      .where('id', '=', input.id),
  );
  const after = centreById(db, input.id);
  ctx.audit({ action: 'centre.update', entity: 'centre', entityId: input.id, summary: `Centre ${after.code} changed`, before, after });
  return after;
});
