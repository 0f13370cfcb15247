import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { UserError } from '../../shared/errors.js';
import { defineCommand, type CommandContext } from '../core/registry.js';
import { recordLicenceHistory } from '../licences/rows.js';
import { restoreIndexes } from './bulkLoad.js';
import { stopCapture } from './capture.js';
import { licencesPending, opsWaiting, PENDING_LICENCES, readSyncState } from './state.js';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const SMS_LEFT_REASON = 'This desk left the central service before hearing whether the service sent this message: check with the applicant before resending it.';
const LICENCE_LEFT_REASON = 'Cancelled: this desk left the central service before the service numbered this licence. The service may hold it under its own number.';

/**
 * The desk works alone again, keeping its data, and so becomes the one that sends SMS and numbers
 * licences. Nothing the service was to do is done again here: messages still queued become
 * uncertain (a person decides), licences still waiting for the service's number are cancelled
 * (never given a local number that could be the service's), and local numbering goes on after
 * the highest number this desk holds. Unsent changes and waiting licences must be confirmed.
 */
export const syncLeave = defineCommand('sync.leave', async (_tx, ctx, input) => {
  const { sqlite } = ctx;
  const state = readSyncState(sqlite);
  if (!state) throw new UserError('not_configured', 'This desk has not joined a central service.');
  const waiting = opsWaiting(sqlite);
  const pending = licencesPending(sqlite);
  if ((waiting > 0 || pending > 0) && !input.discardWaiting) throw new UserError('conflict', refusal(waiting, pending));
  restoreIndexes(sqlite); // a first sync left unfinished had set them aside
  stopCapture(sqlite);
  for (const table of ['outbox', 'sync_state']) sqlite.prepare(`DELETE FROM ${table}`).run();
  ctx.desk.secrets.delete('sync.token');
  const uncertain = sqlite
    .prepare(`UPDATE sms_messages SET state = 'uncertain', failure_reason = ?, claimed_by = NULL, claimed_at = NULL, next_attempt_at = NULL,
              version = version + 1, updated_at = ? WHERE state IN ('queued', 'sending')`)
    .run(SMS_LEFT_REASON, ctx.now).changes;
  const cancelled = cancelPendingLicences(ctx);
  numberAfterHeld(sqlite);
  const done = [
    waiting ? `discarding ${plural(waiting, 'unsent change')}` : '',
    cancelled.length ? `cancelling ${plural(cancelled.length, 'licence')} the service had not numbered` : '',
    uncertain ? `${plural(uncertain, 'queued SMS', 'queued SMS')} left for a person to check` : '',
  ].filter(Boolean);
  ctx.audit({
    action: 'sync.leave', entity: 'desk', entityId: state.deskId,
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
  const { sqlite, now, actor } = ctx;
  const rows = sqlite.prepare(`SELECT id, licence_no, state, centre_id FROM licences WHERE ${PENDING_LICENCES}`).all() as
    { id: string; licence_no: string; state: string; centre_id: string | null }[];
  const revoke = sqlite.prepare(`UPDATE licences SET state = 'revoked', revoked_at = ?, revoked_by = ?, revoke_reason = ?, state_since = ?, version = version + 1, updated_at = ? WHERE id = ?`);
  for (const l of rows) {
    revoke.run(now, actor.id, LICENCE_LEFT_REASON, now, now, l.id);
    recordLicenceHistory(ctx.db, { licenceId: l.id, at: now, actorId: actor.id, actorName: actor.username, action: 'revoke', from: l.state, to: 'revoked', centreId: l.centre_id, reason: LICENCE_LEFT_REASON });
  }
  return rows.map((l) => l.licence_no);
}

/** The next local number of each year comes after the highest one this desk holds (the service gave those, not this desk's counter). */
function numberAfterHeld(sqlite: BetterSqlite3.Database): void {
  sqlite
    .prepare(`INSERT INTO licence_sequences (licence_year, last)
              SELECT licence_year, max(sequence) FROM licences WHERE sequence > 0 GROUP BY licence_year
              ON CONFLICT (licence_year) DO UPDATE SET last = max(last, excluded.last)`)
    .run();
}
