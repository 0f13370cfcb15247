import type { SyncDeskRow } from '../../shared/contract/sync.js';
import { UserError } from '../../shared/errors.js';
import { formatNairobi } from '../../shared/time.js';
import { defineCommand, defineQuery } from '../core/registry.js';
import type { ReadableDB } from '../db/handles.js';
import { tokenExpired } from './authority/desks.js';
import { readSyncState, type SyncState } from './state.js';

/*
 * The desks that joined the central service (`sync_desks`): kept by the service, synced to the
 * desks that hold all records, so that an administrator on any of them sees the list and can
 * withdraw a desk. A withdrawal is an ordinary change, pushed and applied by the service.
 */

function selectDesks(db: ReadableDB) {
  return db
    .selectFrom('sync_desks as d')
    .leftJoin('centres as c', 'c.id', 'd.centre_id')
    .select([
      'd.id',
      'd.name',
      'c.name as centreName',
      'd.joined_by as joinedBy',
      'd.joined_at as joinedAt',
      'd.last_seen_at as lastSeenAt',
      'd.withdrawn_by as withdrawnBy',
      'd.withdrawn_at as withdrawnAt',
    ]);
}

type DeskDbRow = Omit<SyncDeskRow, 'state' | 'thisDesk'>;

/** This desk, and how the service last refused it: a refused desk cannot pull its own row's news. */
interface ThisDesk {
  id: string | null;
  refusal: SyncState['refusal'];
}

function toRow(row: DeskDbRow, now: Date, own: ThisDesk): SyncDeskRow {
  const thisDesk = row.id === own.id;
  // Seen is written at most every few minutes (authority/desks.ts): close enough for a period of days.
  const expired = tokenExpired(row.lastSeenAt ?? row.joinedAt, now) || (thisDesk && own.refusal === 'expired');
  const state = row.withdrawnAt || (thisDesk && own.refusal === 'withdrawn') ? 'withdrawn' : expired ? 'expired' : 'active';
  return { ...row, state, thisDesk };
}

function thisDesk(db: ReadableDB): ThisDesk {
  const state = readSyncState(db);
  return { id: state?.deskId ?? null, refusal: state?.refusal ?? null };
}

/** Settings, Sync: the joined desks, newest first, with their state (never a token). */
export const syncDesks = defineQuery('sync.desks', async ({ db, desk }): Promise<SyncDeskRow[]> => {
  const rows = db.all(
    selectDesks(db)
      .orderBy((eb) => eb('d.withdrawn_at', 'is not', null))
      .orderBy('d.joined_at', 'desc'),
  );
  const own = thisDesk(db);
  return rows.map((r) => toRow(r, desk.clock(), own));
});

/**
 * Withdraws a desk: from then on the central service refuses its token, and it says so. Cannot be
 * undone for that desk (it joins again, as a new desk). The desk this runs on is withdrawn only
 * when the caller confirms it knows.
 */
export const syncWithdrawDesk = defineCommand('sync.withdrawDesk', async (ctx, input): Promise<SyncDeskRow> => {
  const { db } = ctx;
  const found = db.first(selectDesks(db).where('d.id', '=', input.deskId));
  if (!found) throw new UserError('not_found', `No desk with id ${input.deskId} has joined the central service.`, { field: 'deskId' });
  if (found.withdrawnAt) {
    throw new UserError(
      'conflict',
      `Desk '${found.name}' was already withdrawn${found.withdrawnBy ? ` by ${found.withdrawnBy}` : ''} on ${formatNairobi(found.withdrawnAt)}.`,
    );
  }
  const own = thisDesk(db);
  if (found.id === own.id && !input.confirmThisDesk) {
    throw new UserError(
      'conflict',
      `'${found.name}' is the desk you are using: once withdrawn, it can no longer sync with the central service. Confirm that you mean this desk.`,
    );
  }
  db.run(db.updateTable('sync_desks').set({ withdrawn_at: ctx.now, withdrawn_by: ctx.actor.username }).where('id', '=', found.id));
  ctx.audit({
    action: 'sync.withdrawDesk',
    entity: 'desk',
    entityId: found.id,
    summary: `Withdrew desk '${found.name}'${found.centreName ? ` (${found.centreName})` : ''} from the central service`,
    before: { withdrawn: false },
    after: { withdrawn: true, withdrawnAt: ctx.now },
  });
  return toRow({ ...found, withdrawnAt: ctx.now, withdrawnBy: ctx.actor.username }, ctx.desk.clock(), own);
});
