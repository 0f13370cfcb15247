import { UserError } from '../../shared/errors.js';
import { newId } from '../core/ids.js';
import { defineCommand } from '../core/registry.js';
import { centreById } from './centresList.js';

export const centreCreate = defineCommand('centre.create', async (_tx, ctx, input) => {
  const { sqlite, now } = ctx;
  if (sqlite.prepare('SELECT 1 FROM centres WHERE code = ?').get(input.code)) {
    throw new UserError('conflict', `A centre with code ${input.code} exists already.`, { field: 'code' });
  }
  const id = newId();
  sqlite
    .prepare('INSERT INTO centres (id, code, name, town, region, active, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?)')
    .run(id, input.code, input.name, input.town, input.region, now);
  const centre = centreById(sqlite, id);
  ctx.audit({ action: 'centre.create', entity: 'centre', entityId: id, summary: `Centre ${centre.code} ${centre.name} added`, after: centre });
  return centre;
});

export const centreUpdate = defineCommand('centre.update', async (_tx, ctx, input) => {
  const { sqlite, now } = ctx;
  const before = centreById(sqlite, input.id);
  sqlite
    .prepare('UPDATE centres SET name = ?, town = ?, region = ?, active = ?, version = version + 1, updated_at = ? WHERE id = ?')
    .run(input.name ?? before.name, input.town ?? before.town, input.region ?? before.region, (input.active ?? before.active) ? 1 : 0, now, input.id);
  const after = centreById(sqlite, input.id);
  ctx.audit({ action: 'centre.update', entity: 'centre', entityId: input.id, summary: `Centre ${after.code} changed`, before, after });
  return after;
});
