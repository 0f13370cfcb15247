import type { JoinAnswer, TableRows } from '../../shared/contract/syncWire.js';
import { UserError } from '../../shared/errors.js';
import { defineCommand } from '../core/registry.js';
import type { ReadableDB } from '../db/handles.js';
import { schemaVersion } from '../db/migrate.js';
import { applyRows } from './apply.js';
import { startCapture } from './capture.js';
import { syncCall } from './http.js';
import { readSyncState } from './state.js';

type JoinReply = JoinAnswer & { users: TableRows; centres: TableRows; serverUrl: string };

/** Business records a desk must not hold when it joins: it takes them from the server instead. */
function ownRecords(db: ReadableDB): number {
  const count = (table: 'applications' | 'payments' | 'licences') => db.first(db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')))!.n;
  return count('applications') + count('payments') + count('licences');
}

/**
 * Joins this desk to a central service, signing in there as a user of the service. From then on
 * its users come from the server (the local ones and their sessions go), its changes are recorded
 * in the outbox, and the server sends the SMS and numbers the licences.
 */
export const syncJoin = defineCommand(
  'sync.join',
  async (ctx, input, reply: JoinReply) => {
    const { db } = ctx;
    if (readSyncState(db)) throw new UserError('conflict', 'This desk has already joined a central service. Leave it first.');
    ctx.desk.secrets.set('sync.token', reply.token);
    db.run(
      db.insertInto('sync_state').values({
        id: 1,
        server_url: reply.serverUrl,
        desk_id: reply.deskId,
        desk_name: input.deskName,
        centre_id: reply.centreId,
        joined_at: ctx.now,
        joined_by: input.username,
      }),
    );
    db.run(
      db
        .insertInto('settings')
        .values({ key: 'desk.name', value: input.deskName, updated_at: ctx.now, updated_by: ctx.actor.username })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet((eb) => ({
            value: eb.ref('excluded.value'),
            updated_at: eb.ref('excluded.updated_at'),
            updated_by: eb.ref('excluded.updated_by'),
          })),
        ),
    );
    db.run(db.deleteFrom('sessions'));
    db.run(db.deleteFrom('users'));
    applyRows(ctx.desk, { tables: { centres: reply.centres, users: reply.users }, count: 0 }, () => false);
    startCapture(db);
    ctx.audit({
      action: 'sync.join',
      entity: 'desk',
      entityId: reply.deskId,
      summary: `Joined the central service ${reply.serverUrl} as '${input.deskName}'${reply.centreName ? ` for ${reply.centreName}` : ''}, signed in there as ${input.username}`,
      after: { serverUrl: reply.serverUrl, deskName: input.deskName, centre: reply.centreName },
    });
    return { serverUrl: reply.serverUrl, deskName: input.deskName, centreName: reply.centreName, users: reply.users.rows.length };
  },
  {
    async prepare(input, desk) {
      if (readSyncState(desk.read)) throw new UserError('conflict', 'This desk has already joined a central service. Leave it first.');
      const own = ownRecords(desk.read);
      if (own > 0) {
        throw new UserError(
          'conflict',
          `This desk already holds ${own} applications, payments or licences of its own. A desk joins a central service empty: use a new data folder for it, or run the central service on this one (kmlttb server).`,
        );
      }
      const serverUrl = input.serverUrl.replace(/\/+$/, '');
      const reply = await syncCall<Omit<JoinReply, 'serverUrl'>>(serverUrl, '/v1/sync/join', {
        schemaVersion: schemaVersion(desk.sqlite),
        username: input.username,
        password: input.password,
        deskName: input.deskName,
        originId: desk.deskId,
        ...(input.centreCode ? { centreCode: input.centreCode } : {}),
      });
      return { ...reply, serverUrl };
    },
  },
);

/** The signed-in user has read why the server refused one of their changes. */
export const syncDismiss = defineCommand('sync.dismiss', async (ctx, input) => {
  const { db } = ctx;
  const changed = db.run(
    db
      .updateTable('sync_rejections')
      .set({ dismissed_at: ctx.now })
      .where('op_id', '=', input.opId)
      .where('actor_id', 'is', ctx.actor.id)
      .where('dismissed_at', 'is', null),
  ).changes;
  if (changed === 0) throw new UserError('not_found', 'No refused change of yours with that id.');
  ctx.audit({ action: 'sync.dismiss', entity: 'op', entityId: input.opId, summary: 'Read a change the central service refused' });
  return { dismissed: true };
});
