import { UserError } from '../../shared/errors.js';
import { licenceMove } from '../../shared/licenceState.js';
import { defineCommand } from '../core/registry.js';
import { changeLicences, licenceRecord, licenceRow } from './rows.js';

export const licenceReassign = defineCommand('licence.reassign', async (ctx, input) => {
  const { db, now } = ctx;
  const l = licenceRecord(db, input.licenceId);
  const move = licenceMove(l.state, 'reassign');
  if (!move.ok) throw new UserError('invalid_transition', move.message);
  const centre = db.first(db.selectFrom('centres').select(['id', 'name', 'active']).where('id', '=', input.centreId));
  if (!centre) throw new UserError('invalid_input', 'That centre does not exist.', { field: 'centreId' });
  if (!centre.active) throw new UserError('invalid_input', `${centre.name} is inactive and cannot receive licences.`, { field: 'centreId' });
  if (centre.id === l.centre_id) throw new UserError('invalid_input', `The licence is already assigned to ${centre.name}.`, { field: 'centreId' });
  changeLicences(ctx, [l], { action: 'reassign', set: { centre_id: centre.id }, centreId: centre.id, reason: input.reason });
  ctx.audit({
    action: 'licence.reassign',
    entity: 'licence',
    entityId: l.id,
    summary: `Licence ${l.licence_no} reassigned to ${centre.name}: ${input.reason}`,
    before: { centreId: l.centre_id },
    after: { centreId: centre.id },
  });
  return licenceRow(db, l.id, now);
});

export const licenceRevoke = defineCommand('licence.revoke', async (ctx, input) => {
  const { db, now, actor } = ctx;
  const l = licenceRecord(db, input.licenceId);
  const move = licenceMove(l.state, 'revoke');
  if (!move.ok) throw new UserError('invalid_transition', move.message);
  changeLicences(ctx, [l], {
    action: 'revoke',
    to: 'revoked',
    set: { revoked_at: now, revoked_by: actor.id, revoke_reason: input.reason },
    reason: input.reason,
  });
  ctx.audit({
    action: 'licence.revoke',
    entity: 'licence',
    entityId: l.id,
    summary: `Licence ${l.licence_no} revoked: ${input.reason}`,
    before: { state: l.state },
    after: { state: 'revoked' },
  });
  return licenceRow(db, l.id, now);
});
