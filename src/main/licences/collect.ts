import { sql } from 'kysely';
import { UserError } from '../../shared/errors.js';
import { licenceMove } from '../../shared/licenceState.js';
import { defineCommand } from '../core/registry.js';
import { requireCentre } from '../core/scope.js';
import { changeLicences, licenceRecord, licenceRow } from './rows.js';

/** The clerk hands the licence over, after checking the collector's ID: once, at its own centre. */
export const licenceCollect = defineCommand('licence.collect', async (ctx, input) => {
  const { db, now, actor } = ctx;
  const l = licenceRecord(db, input.licenceId);
  requireCentre(actor, l.centre_id);
  const move = licenceMove(l.state, 'collect');
  if (!move.ok) throw new UserError('invalid_transition', move.message);
  const holder = db.first(
    db
      .selectFrom('licences as l')
      .innerJoin('practitioners as p', 'p.id', 'l.practitioner_id')
      .select([sql<string>`trim(p.first_name || ' ' || p.last_name)`.as('name'), 'p.national_id'])
      .where('l.id', '=', l.id),
  )!;
  const collector =
    input.collector === 'holder'
      ? { name: holder.name, idNo: holder.national_id, note: input.note ?? null }
      : { name: input.collectorName, idNo: input.collectorIdNo, note: input.note };
  changeLicences(ctx, [l], {
    action: 'collect',
    to: 'collected',
    set: {
      collected_at: now,
      collected_by_clerk: actor.id,
      collector_kind: input.collector,
      collector_name: collector.name,
      collector_id_no: collector.idNo,
      collector_note: collector.note,
    },
    reason: input.collector === 'holder' ? 'by the holder' : `by proxy ${collector.name} (ID ${collector.idNo}): ${collector.note}`,
  });
  ctx.audit({
    action: 'licence.collect',
    entity: 'licence',
    entityId: l.id,
    summary: `Licence ${l.licence_no} collected ${input.collector === 'holder' ? 'by the holder' : `by proxy ${collector.name}`}`,
    before: { state: l.state },
    after: { state: 'collected', collectorKind: input.collector, collectorName: collector.name, collectorIdNo: collector.idNo },
  });
  return licenceRow(db, l.id, now);
});
