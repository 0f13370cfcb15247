import { UserError } from '../../shared/errors.js';
import { licenceMove } from '../../shared/licenceState.js';
import { smsLanguage } from '../applications/decide.js';
import { newId } from '../core/ids.js';
import { defineCommand } from '../core/registry.js';
import { requireCentre } from '../core/scope.js';
import { queueSms } from '../sms/queue.js';
import { batchRow, recordLicenceHistory } from './rows.js';

/** Groups issued licences for one centre into a batch on its way there. */
export const batchCreate = defineCommand('batch.create', async (_tx, ctx, input) => {
  const { sqlite, now, actor } = ctx;
  const centre = sqlite.prepare('SELECT id, code, name, active FROM centres WHERE id = ?').get(input.centreId) as { id: string; code: string; name: string; active: number } | undefined;
  if (!centre) throw new UserError('invalid_input', 'That centre does not exist.', { field: 'centreId' });
  const licences = (input.licenceIds.length
    ? input.licenceIds.map((id) => sqlite.prepare('SELECT id, licence_no, state, centre_id FROM licences WHERE id = ?').get(id))
    : sqlite.prepare(`SELECT id, licence_no, state, centre_id FROM licences WHERE centre_id = ? AND state = 'issued' ORDER BY licence_no`).all(centre.id)
  ) as ({ id: string; licence_no: string; state: 'issued'; centre_id: string } | undefined)[];
  if (licences.length === 0) throw new UserError('invalid_input', `There are no issued licences for ${centre.name} to dispatch.`);
  for (const [i, l] of licences.entries()) {
    if (!l) throw new UserError('not_found', `No licence with id ${input.licenceIds[i]}.`);
    if (l.centre_id !== centre.id) throw new UserError('invalid_input', `Licence ${l.licence_no} is assigned to another centre.`);
    const move = licenceMove(l.state, 'dispatch');
    if (!move.ok) throw new UserError('invalid_transition', `${l.licence_no}: ${move.message}`);
  }
  const year = now.slice(0, 4);
  const n = (sqlite.prepare('SELECT count(*) FROM dispatch_batches WHERE centre_id = ? AND batch_no LIKE ?').pluck().get(centre.id, `${centre.code}-${year}-%`) as number) + 1;
  const batchNo = `${centre.code}-${year}-${String(n).padStart(4, '0')}`;
  const id = newId();
  sqlite
    .prepare(`INSERT INTO dispatch_batches (id, batch_no, centre_id, state, licence_count, created_at, created_by, updated_at) VALUES (?, ?, ?, 'dispatched', ?, ?, ?, ?)`)
    .run(id, batchNo, centre.id, licences.length, now, actor.id, now);
  const dispatch = sqlite.prepare(`UPDATE licences SET state = 'dispatched', batch_id = ?, dispatched_at = ?, state_since = ?, version = version + 1, updated_at = ? WHERE id = ?`);
  for (const l of licences) {
    dispatch.run(id, now, now, now, l!.id);
    recordLicenceHistory(sqlite, { licenceId: l!.id, at: now, actorId: actor.id, actorName: actor.username, action: 'dispatch', from: 'issued', to: 'dispatched', centreId: centre.id, reason: batchNo });
  }
  ctx.audit({ action: 'batch.create', entity: 'batch', entityId: id, summary: `Batch ${batchNo} of ${licences.length} licences dispatched to ${centre.name}`, after: { batchNo, licences: licences.map((l) => l!.licence_no) } });
  return batchRow(sqlite, id);
});

/** The centre's clerk confirms the batch arrived: its licences are at the centre and holders get an SMS. */
export const batchReceive = defineCommand('batch.receive', async (_tx, ctx, input) => {
  const { sqlite, now, actor } = ctx;
  const batch = sqlite.prepare('SELECT id, batch_no, centre_id, state FROM dispatch_batches WHERE id = ?').get(input.batchId) as { id: string; batch_no: string; centre_id: string; state: string } | undefined;
  if (!batch) throw new UserError('not_found', `No batch with id ${input.batchId}.`);
  requireCentre(actor, batch.centre_id);
  if (batch.state !== 'dispatched') throw new UserError('invalid_transition', `Batch ${batch.batch_no} was already received.`);
  sqlite.prepare(`UPDATE dispatch_batches SET state = 'received', received_at = ?, received_by = ?, version = version + 1, updated_at = ? WHERE id = ?`).run(now, actor.id, now, batch.id);
  const licences = sqlite.prepare(
    `SELECT l.id, l.licence_no, l.application_id, p.first_name, p.phone, p.language, c.name AS centre, c.town
     FROM licences l JOIN practitioners p ON p.id = l.practitioner_id JOIN centres c ON c.id = l.centre_id
     WHERE l.batch_id = ? AND l.state = 'dispatched'`,
  ).all(batch.id) as { id: string; licence_no: string; application_id: string; first_name: string; phone: string | null; language: string; centre: string; town: string }[];
  const arrive = sqlite.prepare(`UPDATE licences SET state = 'at_centre', received_at = ?, state_since = ?, version = version + 1, updated_at = ? WHERE id = ?`);
  const fallback = ctx.desk.setting('sms.defaultLanguage');
  let queued = 0;
  for (const l of licences) {
    arrive.run(now, now, now, l.id);
    recordLicenceHistory(sqlite, { licenceId: l.id, at: now, actorId: actor.id, actorName: actor.username, action: 'receive', from: 'dispatched', to: 'at_centre', centreId: batch.centre_id, reason: batch.batch_no });
    const sms = queueSms(sqlite, {
      event: 'at_centre', eventKey: `at_centre:${l.id}:${batch.id}`, applicationId: l.application_id, phone: l.phone,
      language: smsLanguage({ p_language: l.language }, fallback),
      values: { name: l.first_name, licenceNo: l.licence_no, centre: l.centre, town: l.town }, at: now,
    });
    if (sms.smsId) queued++;
  }
  if (queued) ctx.afterCommit(() => ctx.desk.notifySmsQueued());
  ctx.audit({ action: 'batch.receive', entity: 'batch', entityId: batch.id, summary: `Batch ${batch.batch_no} received: ${licences.length} licences at the centre, ${queued} SMS queued`, before: { state: 'dispatched' }, after: { state: 'received' } });
  return batchRow(sqlite, batch.id);
});
