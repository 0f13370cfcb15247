import type { JoinAnswer, TableRows } from '../../shared/contract/syncWire.js';
import { UserError } from '../../shared/errors.js';
import { defineCommand } from '../core/registry.js';
import type { DeskServices } from '../core/desk.js';
import { schemaVersion } from '../db/migrate.js';
import { applyRows } from './apply.js';
import { startCapture } from './capture.js';
import { syncCall } from './http.js';
import { readSyncState } from './state.js';

type JoinReply = JoinAnswer & { users: TableRows; centres: TableRows; serverUrl: string };

/** Business records a desk must not hold when it joins: it takes them from the server instead. */
function ownRecords(desk: DeskServices): number {
  return desk.sqlite.prepare(`SELECT (SELECT count(*) FROM applications) + (SELECT count(*) FROM payments) + (SELECT count(*) FROM licences)`).pluck().get() as number;
}

/**
 * Joins this desk to a central service, signing in there as a user of the service. From then on
 * its users come from the server (the local ones and their sessions go), its changes are recorded
 * in the outbox, and the server sends the SMS and numbers the licences.
 */
export const syncJoin = defineCommand('sync.join', async (_tx, ctx, input, reply: JoinReply) => {
  const { sqlite } = ctx;
  if (readSyncState(sqlite)) throw new UserError('conflict', 'This desk has already joined a central service. Leave it first.');
  ctx.desk.secrets.set('sync.token', reply.token);
  sqlite
    .prepare('INSERT INTO sync_state (id, server_url, desk_id, desk_name, centre_id, joined_at, joined_by) VALUES (1, ?, ?, ?, ?, ?, ?)')
    .run(reply.serverUrl, reply.deskId, input.deskName, reply.centreId, ctx.now, input.username);
  sqlite
    .prepare(`INSERT INTO settings (key, value, updated_at, updated_by) VALUES ('desk.name', ?, ?, ?)
              ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`)
    .run(input.deskName, ctx.now, ctx.actor.username);
  sqlite.prepare('DELETE FROM sessions').run();
  sqlite.prepare('DELETE FROM users').run();
  applyRows(sqlite, { tables: { centres: reply.centres, users: reply.users }, count: 0 }, () => false);
  startCapture(sqlite);
  ctx.audit({
    action: 'sync.join', entity: 'desk', entityId: reply.deskId,
    summary: `Joined the central service ${reply.serverUrl} as '${input.deskName}'${reply.centreName ? ` for ${reply.centreName}` : ''}, signed in there as ${input.username}`,
    after: { serverUrl: reply.serverUrl, deskName: input.deskName, centre: reply.centreName },
  });
  return { serverUrl: reply.serverUrl, deskName: input.deskName, centreName: reply.centreName, users: reply.users.rows.length };
}, {
  async prepare(input, desk) {
    if (readSyncState(desk.sqlite)) throw new UserError('conflict', 'This desk has already joined a central service. Leave it first.');
    const own = ownRecords(desk);
    if (own > 0) {
      throw new UserError('conflict', `This desk already holds ${own} applications, payments or licences of its own. A desk joins a central service empty: use a new data folder for it, or run the central service on this one (kmlttb server).`);
    }
    const serverUrl = input.serverUrl.replace(/\/+$/, '');
    const reply = await syncCall<Omit<JoinReply, 'serverUrl'>>(serverUrl, '/v1/sync/join', {
      schemaVersion: schemaVersion(desk.sqlite), username: input.username, password: input.password,
      deskName: input.deskName, originId: desk.deskId, ...(input.centreCode ? { centreCode: input.centreCode } : {}),
    });
    return { ...reply, serverUrl };
  },
});

/** The signed-in user has read why the server refused one of their changes. */
export const syncDismiss = defineCommand('sync.dismiss', async (_tx, ctx, input) => {
  const changed = ctx.sqlite
    .prepare('UPDATE sync_rejections SET dismissed_at = ? WHERE op_id = ? AND actor_id IS ? AND dismissed_at IS NULL')
    .run(ctx.now, input.opId, ctx.actor.id).changes;
  if (changed === 0) throw new UserError('not_found', 'No refused change of yours with that id.');
  ctx.audit({ action: 'sync.dismiss', entity: 'op', entityId: input.opId, summary: 'Read a change the central service refused' });
  return { dismissed: true };
});
