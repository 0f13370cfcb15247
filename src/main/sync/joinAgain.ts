import type { JoinAnswer } from '../../shared/contract/syncWire.js';
import { UserError } from '../../shared/errors.js';
import { defineCommand } from '../core/registry.js';
import type { DeskServices } from '../core/desk.js';
import { schemaVersion } from '../db/migrate.js';
import { syncCall } from './http.js';
import { readSyncState, type SyncState } from './state.js';

/** A desk the service refuses (withdrawn, its token expired or unknown): only such a desk joins again. */
function refusedDesk(desk: DeskServices): SyncState {
  const state = readSyncState(desk.sqlite);
  if (!state) throw new UserError('not_configured', 'This desk has not joined a central service: join it under Settings, Sync.');
  if (!state.refusal) throw new UserError('conflict', `The central service at ${state.serverUrl} accepts this desk: it does not need to join again.`);
  return state;
}

function centreName(desk: DeskServices, centreId: string | null): string | null {
  return centreId ? (desk.sqlite.prepare('SELECT name FROM centres WHERE id = ?').pluck().get(centreId) as string | undefined) ?? null : null;
}

/**
 * A desk the central service refuses joins it again, as a new desk, keeping what it holds: its
 * records, its place in the service's changes and its changes not yet sent (each carries its
 * user's proof, so a desk token never vouches for them). An administrator of the service signs
 * in for it; the desk serves the same centre as before, or the join is refused.
 */
export const syncJoinAgain = defineCommand('sync.joinAgain', async (_tx, ctx, input, reply: JoinAnswer) => {
  const state = refusedDesk(ctx.desk);
  if (reply.centreId !== state.centreId) {
    throw new UserError('conflict', `${input.username} can only join a desk for ${reply.centreName ?? 'all records'}, and this desk serves ${centreName(ctx.desk, state.centreId) ?? 'all records'}: an administrator of the central service joins it again.`);
  }
  ctx.desk.secrets.set('sync.token', reply.token);
  ctx.sqlite
    .prepare('UPDATE sync_state SET desk_id = ?, joined_at = ?, joined_by = ?, last_error = NULL, refusal = NULL WHERE id = 1')
    .run(reply.deskId, ctx.now, input.username);
  ctx.audit({
    action: 'sync.joinAgain', entity: 'desk', entityId: reply.deskId,
    summary: `Joined the central service ${state.serverUrl} again as '${state.deskName}' (it had refused this desk: ${state.refusal}), signed in there as ${input.username}`,
    before: { deskId: state.deskId, refusal: state.refusal }, after: { deskId: reply.deskId },
  });
  return { serverUrl: state.serverUrl, deskName: state.deskName, centreName: reply.centreName };
}, {
  async prepare(input, desk) {
    const state = refusedDesk(desk);
    const centreCode = state.centreId ? desk.sqlite.prepare('SELECT code FROM centres WHERE id = ?').pluck().get(state.centreId) as string | undefined : undefined;
    return syncCall<JoinAnswer>(state.serverUrl, '/v1/sync/join', {
      schemaVersion: schemaVersion(desk.sqlite), username: input.username, password: input.password,
      deskName: state.deskName, originId: desk.deskId, ...(centreCode ? { centreCode } : {}),
    });
  },
});
