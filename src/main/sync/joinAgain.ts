import type { JoinAnswer } from '../../shared/contract/syncWire.js';
import { UserError } from '../../shared/errors.js';
import { defineCommand } from '../core/registry.js';
import type { ReadableDB } from '../db/handles.js';
import { schemaVersion } from '../db/migrate.js';
import { syncCall } from './http.js';
import { readSyncState, type SyncState } from './state.js';

/** A desk the service refuses (withdrawn, its token expired or unknown): only such a desk joins again. */
function refusedDesk(db: ReadableDB): SyncState {
  const state = readSyncState(db);
  if (!state) throw new UserError('not_configured', 'This desk has not joined a central service: join it under Settings, Sync.');
  if (!state.refusal) throw new UserError('conflict', `The central service at ${state.serverUrl} accepts this desk: it does not need to join again.`);
  return state;
}

function centre(db: ReadableDB, centreId: string | null): { name: string; code: string } | undefined {
  return centreId ? db.first(db.selectFrom('centres').select(['name', 'code']).where('id', '=', centreId)) : undefined;
}

/**
 * A desk the central service refuses joins it again, as a new desk, keeping what it holds: its
 * records, its place in the service's changes and its changes not yet sent (each carries its
 * user's proof, so a desk token never vouches for them). An administrator of the service signs
 * in for it; the desk serves the same centre as before, or the join is refused.
 */
export const syncJoinAgain = defineCommand(
  'sync.joinAgain',
  async (ctx, input, reply: JoinAnswer) => {
    const state = refusedDesk(ctx.db);
    if (reply.centreId !== state.centreId) {
      throw new UserError(
        'conflict',
        `${input.username} can only join a desk for ${reply.centreName ?? 'all records'}, and this desk serves ${centre(ctx.db, state.centreId)?.name ?? 'all records'}: an administrator of the central service joins it again.`,
      );
    }
    ctx.desk.secrets.set('sync.token', reply.token);
    const { db } = ctx;
    db.run(
      db
        .updateTable('sync_state')
        .set({ desk_id: reply.deskId, joined_at: ctx.now, joined_by: input.username, last_error: null, refusal: null })
        .where('id', '=', 1),
    );
    ctx.audit({
      action: 'sync.joinAgain',
      entity: 'desk',
      entityId: reply.deskId,
      summary: `Joined the central service ${state.serverUrl} again as '${state.deskName}' (it had refused this desk: ${state.refusal}), signed in there as ${input.username}`,
      before: { deskId: state.deskId, refusal: state.refusal },
      after: { deskId: reply.deskId },
    });
    return { serverUrl: state.serverUrl, deskName: state.deskName, centreName: reply.centreName };
  },
  {
    async prepare(input, desk) {
      const state = refusedDesk(desk.read);
      const centreCode = centre(desk.read, state.centreId)?.code;
      return syncCall<JoinAnswer>(state.serverUrl, '/v1/sync/join', {
        schemaVersion: schemaVersion(desk.sqlite),
        username: input.username,
        password: input.password,
        deskName: state.deskName,
        originId: desk.deskId,
        ...(centreCode ? { centreCode } : {}),
      });
    },
  },
);
