import { UserError } from '../../shared/errors.js';
import { licenceMove } from '../../shared/licenceState.js';
import { defineCommand } from '../core/registry.js';
import { requireCentre } from '../core/scope.js';
import { licenceRecord, licenceRow, recordLicenceHistory } from './rows.js';

/** The clerk hands the licence over, after checking the collector's ID: once, at its own centre. */
export const licenceCollect = defineCommand('licence.collect', async (_tx, ctx, input) => {
  const { sqlite, now, actor } = ctx;
  const l = licenceRecord(sqlite, input.licenceId);
  requireCentre(actor, l.centre_id);
  const move = licenceMove(l.state, 'collect');
  if (!move.ok) throw new UserError('invalid_transition', move.message);
  const holder = sqlite.prepare(
    `SELECT trim(first_name || ' ' || last_name) AS name, national_id FROM practitioners WHERE id = (SELECT practitioner_id FROM licences WHERE id = ?)`,
  ).get(l.id) as { name: string; national_id: string };
  const collector = input.collector === 'holder'
    ? { name: holder.name, idNo: holder.national_id, note: input.note ?? null }
    : { name: input.collectorName, idNo: input.collectorIdNo, note: input.note };
  sqlite
    .prepare(
      `UPDATE licences SET state = 'collected', collected_at = ?, collected_by_clerk = ?, collector_kind = ?, collector_name = ?, collector_id_no = ?,
         collector_note = ?, state_since = ?, version = version + 1, updated_at = ? WHERE id = ?`,
    )
    .run(now, actor.id, input.collector, collector.name, collector.idNo, collector.note, now, now, l.id);
  recordLicenceHistory(sqlite, {
    licenceId: l.id, at: now, actorId: actor.id, actorName: actor.username, action: 'collect', from: l.state, to: 'collected', centreId: l.centre_id,
    reason: input.collector === 'holder' ? 'by the holder' : `by proxy ${collector.name} (ID ${collector.idNo}): ${collector.note}`,
  });
  ctx.audit({
    action: 'licence.collect', entity: 'licence', entityId: l.id,
    summary: `Licence ${l.licence_no} collected ${input.collector === 'holder' ? 'by the holder' : `by proxy ${collector.name}`}`,
    before: { state: l.state }, after: { state: 'collected', collectorKind: input.collector, collectorName: collector.name, collectorIdNo: collector.idNo },
  });
  return licenceRow(sqlite, l.id, now);
});
