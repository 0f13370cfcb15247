import type { SyncRegisterDeskResult } from '../../../shared/contract/sync.js';
import { UserError } from '../../../shared/errors.js';
import { findCentre } from '../../admin/centresList.js';
import { newId } from '../../core/ids.js';
import { defineCommand } from '../../core/registry.js';
import { recordFirstToken } from './desks.js';

/**
 * Central service: records a desk that joined, in the name of the administrator who signed in for
 * it. It serves the centre named (its clerks' desk), or everything.
 */
export const syncRegisterDesk = defineCommand('sync.registerDesk', async (ctx, input): Promise<SyncRegisterDeskResult> => {
  const { db, actor } = ctx;
  if (actor.role !== 'admin') throw new UserError('forbidden', 'Only an administrator of the central service can join a desk.');
  const centre = input.centreCode ? (findCentre(ctx.db, input.centreCode) ?? null) : null;
  if (input.centreCode && !centre) throw new UserError('not_found', `No centre '${input.centreCode}'.`, { field: 'centreCode' });
  const deskId = newId();
  db.run(
    db.insertInto('sync_desks').values({
      id: deskId,
      name: input.deskName,
      centre_id: centre?.id ?? null,
      joined_by: actor.username,
      joined_at: ctx.now,
      origin_id: input.originId,
    }),
  );
  recordFirstToken(db, deskId, input.tokenHash, ctx.now);
  ctx.audit({
    action: 'sync.registerDesk',
    entity: 'desk',
    entityId: deskId,
    summary: `Desk '${input.deskName}' joined${centre ? ` for ${centre.name}` : ''}`,
    after: { deskName: input.deskName, centre: centre?.name ?? null },
  });
  return { deskId, centreId: centre?.id ?? null, centreName: centre?.name ?? null };
});
