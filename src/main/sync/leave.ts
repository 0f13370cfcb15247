import { UserError } from '../../shared/errors.js';
import { defineCommand, type CommandContext } from '../core/registry.js';
import { sql, type WritableDB } from '../db/handles.js';
import { changeLicences } from '../licences/rows.js';
import { restoreIndexes } from './bulkLoad.js';
import { stopCapture } from './capture.js';
import { licencesPending, opsWaiting, pendingLicences, readSyncState } from './state.js';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const SMS_LEFT_REASON =
  'This desk left the central service before hearing whether the service sent this message: check with the applicant before resending it.';
const LICENCE_LEFT_REASON =
  'Cancelled: this desk left the central service before the service numbered this licence. The service may hold it under its own number.';

/**
 * The desk works alone again, keeping its data, and so becomes the one that sends SMS and numbers
 * licences. Nothing the service was to do is done again here: messages still queued become
 * uncertain (a person decides), licences still waiting for the service's number are cancelled
 * (never given a local number that could be the service's), and local numbering goes on after
 * the highest number this desk holds. Unsent changes and waiting licences must be confirmed.
 */
export const syncLeave = defineCommand('sync.leave', async (ctx, input) => {
  const { db } = ctx;
  const state = readSyncState(db);
  if (!state) throw new UserError('not_configured', 'This desk has not joined a central service.');
  const waiting = opsWaiting(db);
  const pending = licencesPending(db);
  if ((waiting > 0 || pending > 0) && !input.discardWaiting) throw new UserError('conflict', refusal(waiting, pending));
  restoreIndexes(db); // a first sync left unfinished had set them aside
  stopCapture(db);
  db.run(db.deleteFrom('outbox'));
  db.run(db.deleteFrom('sync_state'));
  ctx.desk.secrets.delete('sync.token');
  const uncertain = db.run(
    db
      .updateTable('sms_messages')
      .set((eb) => ({
        state: 'uncertain',
        failure_reason: SMS_LEFT_REASON,
        claimed_by: null,
        claimed_at: null,
        next_attempt_at: null,
        version: eb('version', '+', 1),
        updated_at: ctx.now,
      }))
      .where('state', 'in', ['queued', 'sending']),
  ).changes;
  const cancelled = cancelPendingLicences(ctx);
  numberAfterHeld(db);
  const done = [
    waiting ? `discarding ${plural(waiting, 'unsent change')}` : '',
    cancelled.length ? `cancelling ${plural(cancelled.length, 'licence')} the service had not numbered` : '',
    uncertain ? `${plural(uncertain, 'queued SMS', 'queued SMS')} left for a person to check` : '',
  ].filter(Boolean);
  ctx.audit({
    action: 'sync.leave',
    entity: 'desk',
    entityId: state.deskId,
    summary: `Left the central service ${state.serverUrl}${done.length ? `, ${done.join(', ')}` : ''}`,
    after: { discarded: waiting, licencesCancelled: cancelled, smsUncertain: uncertain },
  });
  return { left: true };
});

function refusal(waiting: number, pending: number): string {
  const parts = [
    waiting ? `${plural(waiting, 'change')} ${waiting === 1 ? 'has' : 'have'} not reached the central service yet` : '',
    pending ? `${plural(pending, 'licence')} ${pending === 1 ? 'is' : 'are'} still waiting for ${pending === 1 ? 'its number' : 'their numbers'} from it` : '',
  ].filter(Boolean);
  const lose = [waiting ? 'lose the changes' : '', pending ? 'cancel the licences' : ''].filter(Boolean).join(' and ');
  return `${parts.join(', and ')}. Sync first, or leave anyway and ${lose}.`.replace(/^./, (c) => c.toUpperCase());
}

/** Revoked with the reason, so the licence and its history stay; its application stays licensed. */
function cancelPendingLicences(ctx: CommandContext): string[] {
  const { db, now, actor } = ctx;
  const rows = db.all(pendingLicences(db).select(['id', 'licence_no', 'state', 'centre_id']));
  changeLicences(ctx, rows, {
    action: 'revoke',
    to: 'revoked',
    set: { revoked_at: now, revoked_by: actor.id, revoke_reason: LICENCE_LEFT_REASON },
    reason: LICENCE_LEFT_REASON,
  });
  return rows.map((l) => l.licence_no);
}

/** The next local number of each year comes after the highest one this desk holds (the service gave those, not this desk's counter). */
function numberAfterHeld(db: WritableDB): void {
  db.run(
    db
      .insertInto('licence_sequences')
      .columns(['licence_year', 'last'])
      .expression(
        db
          .selectFrom('licences')
          .select((eb) => ['licence_year', eb.fn.max('sequence').as('last')])
          .where('sequence', '>', 0)
          .groupBy('licence_year'),
      )
      .onConflict((oc) => oc.column('licence_year').doUpdateSet({ last: sql<number>`max(last, excluded.last)` })),
  );
}
