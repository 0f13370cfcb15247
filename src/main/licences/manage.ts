import { UserError } from '../../shared/errors.js';
import { licenceMove } from '../../shared/licenceState.js';
import { defineCommand } from '../core/registry.js';
import { licenceRecord, licenceRow, recordLicenceHistory } from './rows.js';

export const licenceReassign = defineCommand('licence.reassign', async (_tx, ctx, input) => {
  const { sqlite, now, actor } = ctx;
  const l = licenceRecord(sqlite, input.licenceId);
  const move = licenceMove(l.state, 'reassign');
  if (!move.ok) throw new UserError('invalid_transition', move.message);
  const centre = sqlite.prepare('SELECT id, name, active FROM centres WHERE id = ?').get(input.centreId) as { id: string; name: string; active: number } | undefined;
  if (!centre) throw new UserError('invalid_input', 'That centre does not exist.', { field: 'centreId' });
  if (!centre.active) throw new UserError('invalid_input', `${centre.name} is inactive and cannot receive licences.`, { field: 'centreId' });
  if (centre.id === l.centre_id) throw new UserError('invalid_input', `The licence is already assigned to ${centre.name}.`, { field: 'centreId' });
  sqlite.prepare('UPDATE licences SET centre_id = ?, version = version + 1, updated_at = ? WHERE id = ?').run(centre.id, now, l.id);
  recordLicenceHistory(sqlite, { licenceId: l.id, at: now, actorId: actor.id, actorName: actor.username, action: 'reassign', from: l.state, to: l.state, centreId: centre.id, reason: input.reason });
  ctx.audit({ action: 'licence.reassign', entity: 'licence', entityId: l.id, summary: `Licence ${l.licence_no} reassigned to ${centre.name}: ${input.reason}`, before: { centreId: l.centre_id }, after: { centreId: centre.id } });
  return licenceRow(sqlite, l.id, now);
});

export const licenceRevoke = defineCommand('licence.revoke', async (_tx, ctx, input) => {
  const { sqlite, now, actor } = ctx;
  const l = licenceRecord(sqlite, input.licenceId);
  const move = licenceMove(l.state, 'revoke');
  if (!move.ok) throw new UserError('invalid_transition', move.message);
  sqlite
    .prepare(`UPDATE licences SET state = 'revoked', revoked_at = ?, revoked_by = ?, revoke_reason = ?, state_since = ?, version = version + 1, updated_at = ? WHERE id = ?`)
    .run(now, actor.id, input.reason, now, now, l.id);
  recordLicenceHistory(sqlite, { licenceId: l.id, at: now, actorId: actor.id, actorName: actor.username, action: 'revoke', from: l.state, to: 'revoked', centreId: l.centre_id, reason: input.reason });
  ctx.audit({ action: 'licence.revoke', entity: 'licence', entityId: l.id, summary: `Licence ${l.licence_no} revoked: ${input.reason}`, before: { state: l.state }, after: { state: 'revoked' } });
  return licenceRow(sqlite, l.id, now);
});
