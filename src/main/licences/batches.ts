import { UserError } from '../../shared/errors.js';
import { licenceMove } from '../../shared/licenceState.js';
import { nairobiYear } from '../../shared/time.js';
import { smsLanguage } from '../applications/decide.js';
import { newId } from '../core/ids.js';
import { defineCommand } from '../core/registry.js';
import { requireCentre } from '../core/scope.js';
import { queueSms } from '../sms/queue.js';
import { batchRow, changeLicences } from './rows.js';

/** Groups issued licences for one centre into a batch on its way there. */
export const batchCreate = defineCommand('batch.create', async (ctx, input) => {
  const { db, now, actor } = ctx;
  const centre = db.first(db.selectFrom('centres').select(['id', 'code', 'name', 'active']).where('id', '=', input.centreId));
  if (!centre) throw new UserError('invalid_input', 'That centre does not exist.', { field: 'centreId' });
  const licence = db.selectFrom('licences').select(['id', 'licence_no', 'state', 'centre_id', 'sequence']);
  // A licence issued on a joined desk travels only once the central service has numbered it (at the next sync): its
  // certificate cannot be printed before, and the manifest would list a PENDING-… number.
  const issuedHere = licence.where('centre_id', '=', centre.id).where('state', '=', 'issued');
  const licences = input.licenceIds.length
    ? input.licenceIds.map((id) => db.first(licence.where('id', '=', id)))
    : db.all(issuedHere.where('sequence', '>', 0).orderBy('licence_no'));
  if (licences.length === 0) {
    const waiting = db.all(issuedHere.where('sequence', '<', 0)).length;
    throw new UserError(
      'invalid_input',
      waiting
        ? `There are no numbered licences for ${centre.name} to dispatch: ${waiting} wait for the central service's number at the next sync.`
        : `There are no issued licences for ${centre.name} to dispatch.`,
    );
  }
  const found = licences.map((l, i) => {
    if (!l) throw new UserError('not_found', `No licence with id ${input.licenceIds[i]}.`);
    if (l.centre_id !== centre.id) throw new UserError('invalid_input', `Licence ${l.licence_no} is assigned to another centre.`);
    if (l.sequence < 0) throw new UserError('invalid_transition', `Licence ${l.licence_no} has no number yet: the central service gives it at the next sync.`);
    const move = licenceMove(l.state, 'dispatch');
    if (!move.ok) throw new UserError('invalid_transition', `${l.licence_no}: ${move.message}`);
    return l;
  });
  const year = nairobiYear(now);
  const { made } = db.first(
    db
      .selectFrom('dispatch_batches')
      .select((eb) => eb.fn.countAll<number>().as('made'))
      .where('centre_id', '=', centre.id)
      .where('batch_no', 'like', `${centre.code}-${year}-%`),
  )!;
  const batchNo = `${centre.code}-${year}-${String(made + 1).padStart(4, '0')}`;
  const id = newId();
  db.run(
    db.insertInto('dispatch_batches').values({
      id,
      batch_no: batchNo,
      centre_id: centre.id,
      state: 'dispatched',
      licence_count: found.length,
      created_at: now,
      created_by: actor.id,
      updated_at: now,
    }),
  );
  changeLicences(ctx, found, { action: 'dispatch', to: 'dispatched', set: { batch_id: id, dispatched_at: now }, centreId: centre.id, reason: batchNo });
  ctx.audit({
    action: 'batch.create',
    entity: 'batch',
    entityId: id,
    summary: `Batch ${batchNo} of ${found.length} licences dispatched to ${centre.name}`,
    after: { batchNo, licences: found.map((l) => l.licence_no) },
  });
  return batchRow(db, id);
});

/** The centre's clerk confirms the batch arrived: its licences are at the centre and holders get an SMS. */
export const batchReceive = defineCommand('batch.receive', async (ctx, input) => {
  const { db, now, actor } = ctx;
  const batch = db.first(db.selectFrom('dispatch_batches').select(['id', 'batch_no', 'centre_id', 'state']).where('id', '=', input.batchId));
  if (!batch) throw new UserError('not_found', `No batch with id ${input.batchId}.`);
  requireCentre(actor, batch.centre_id);
  if (batch.state !== 'dispatched') throw new UserError('invalid_transition', `Batch ${batch.batch_no} was already received.`);
  db.run(
    db
      .updateTable('dispatch_batches')
      .set((eb) => ({ state: 'received', received_at: now, received_by: actor.id, version: eb('version', '+', 1), updated_at: now }))
      .where('id', '=', batch.id),
  );
  const licences = db.all(
    db
      .selectFrom('licences as l')
      .innerJoin('practitioners as p', 'p.id', 'l.practitioner_id')
      .innerJoin('centres as c', 'c.id', 'l.centre_id')
      .select(['l.id', 'l.licence_no', 'l.state', 'l.centre_id', 'l.application_id', 'p.first_name', 'p.phone', 'p.language', 'c.name as centre', 'c.town'])
      .where('l.batch_id', '=', batch.id)
      .where('l.state', '=', 'dispatched'),
  );
  changeLicences(ctx, licences, { action: 'receive', to: 'at_centre', set: { received_at: now }, centreId: batch.centre_id, reason: batch.batch_no });
  const fallback = ctx.desk.setting('sms.defaultLanguage');
  let queued = 0;
  for (const l of licences) {
    const sms = queueSms(db, {
      event: 'at_centre',
      eventKey: `at_centre:${l.id}:${batch.id}`,
      applicationId: l.application_id,
      phone: l.phone,
      language: smsLanguage({ p_language: l.language }, fallback),
      values: { name: l.first_name, licenceNo: l.licence_no, centre: l.centre, town: l.town },
      at: now,
    });
    if (sms.smsId) queued++;
  }
  if (queued) ctx.afterCommit(() => ctx.desk.notifySmsQueued());
  ctx.audit({
    action: 'batch.receive',
    entity: 'batch',
    entityId: batch.id,
    summary: `Batch ${batch.batch_no} received: ${licences.length} licences at the centre, ${queued} SMS queued`,
    before: { state: 'dispatched' },
    after: { state: 'received' },
  });
  return batchRow(db, batch.id);
});
