import type { UserRow } from '../../shared/contract/admin.js';
import { UserError } from '../../shared/errors.js';
import { newCredentials } from '../auth/credentials.js';
import { newId } from '../core/ids.js';
import { defineCommand, defineQuery } from '../core/registry.js';
import type { ReadableDB } from '../db/handles.js';

function users(db: ReadableDB) {
  return db
    .selectFrom('users as u')
    .leftJoin('centres as c', 'c.id', 'u.centre_id')
    .select(['u.id', 'u.username', 'u.full_name', 'u.role', 'u.centre_id', 'c.name as centre_name', 'u.active', 'u.failed_logins']);
}
interface Row {
  id: string;
  username: string;
  full_name: string;
  role: UserRow['role'];
  centre_id: string | null;
  centre_name: string | null;
  active: number;
  failed_logins: number;
}

const toUserRow = (r: Row): UserRow => ({
  id: r.id,
  username: r.username,
  fullName: r.full_name,
  role: r.role,
  centreId: r.centre_id,
  centreName: r.centre_name,
  active: r.active === 1,
  failedLogins: r.failed_logins,
});

export function userById(db: ReadableDB, id: string): UserRow {
  const row = db.first(users(db).where('u.id', '=', id));
  if (!row) throw new UserError('not_found', `No user with id ${id}.`);
  return toUserRow(row);
}

/** Clerks belong to exactly one centre; nobody else has one. */
function checkCentre(db: ReadableDB, role: string, centreId: string | null | undefined): string | null {
  if (role !== 'clerk') return null;
  if (!centreId) throw new UserError('invalid_input', 'A clerk needs a centre.', { field: 'centreId' });
  if (!db.first(db.selectFrom('centres').select('id').where('id', '=', centreId))) {
    throw new UserError('invalid_input', 'That centre does not exist.', { field: 'centreId' });
  }
  return centreId;
}

export const usersList = defineQuery('users.list', async ({ db }) => db.all(users(db).orderBy('u.username')).map(toUserRow));

export const userCreate = defineCommand('user.create', async (ctx, input) => {
  const { db, now } = ctx;
  if (db.first(db.selectFrom('users').select('id').where('username', '=', input.username))) {
    throw new UserError('conflict', `The username '${input.username}' is taken.`, { field: 'username' });
  }
  const centreId = checkCentre(db, input.role, input.centreId);
  const id = newId();
  const creds = input.credentials ?? (await newCredentials(input.username, input.password!));
  ctx.syncInput({ ...input, password: undefined, credentials: creds });
  db.run(
    db.insertInto('users').values({
      id,
      username: input.username,
      full_name: input.fullName,
      role: input.role,
      centre_id: centreId,
      password_hash: creds.passwordHash,
      op_public_key: creds.opPublicKey,
      op_key_wrapped: creds.opKeyWrapped,
      active: 1,
      failed_logins: 0,
      credentials_changed_at: now,
      created_at: now,
      updated_at: now,
    }),
  );
  const user = userById(db, id);
  ctx.audit({ action: 'user.create', entity: 'user', entityId: id, summary: `User ${user.username} (${user.role}) added`, after: user });
  return user;
});

export const userUpdate = defineCommand('user.update', async (ctx, input) => {
  const { db, now } = ctx;
  const before = userById(db, input.id);
  const role = input.role ?? before.role;
  const centreId = checkCentre(db, role, input.centreId === undefined ? before.centreId : input.centreId);
  if (before.id === ctx.actor.id && (input.active === false || (input.role && input.role !== 'admin'))) {
    throw new UserError('invalid_input', 'You cannot disable yourself or take away your own administrator role.');
  }
  db.run(
    db
      .updateTable('users')
      .set((eb) => ({
        full_name: input.fullName ?? before.fullName,
        role,
        centre_id: centreId,
        active: (input.active ?? before.active) ? 1 : 0,
        version: eb('version', '+', 1),
        updated_at: now,
      }))
      .where('id', '=', input.id),
  );
  // Disabling revokes the op-signing key everywhere (sessions end by trigger): enabled again, the user needs a new password.
  if (input.active === false) db.run(db.updateTable('users').set({ op_public_key: null, op_key_wrapped: null }).where('id', '=', input.id));
  const after = userById(db, input.id);
  ctx.audit({ action: 'user.update', entity: 'user', entityId: input.id, summary: `User ${after.username} changed`, before, after });
  return after;
});

export const userSetPassword = defineCommand('user.setPassword', async (ctx, input) => {
  const { db, now } = ctx;
  const user = userById(db, input.id);
  // A reset gives a new op-signing key: copies of the old one on desks can sign nothing the service takes.
  const creds = input.credentials ?? (await newCredentials(user.username, input.password!));
  ctx.syncInput({ ...input, password: undefined, credentials: creds });
  db.run(
    db
      .updateTable('users')
      .set((eb) => ({
        password_hash: creds.passwordHash,
        op_public_key: creds.opPublicKey,
        op_key_wrapped: creds.opKeyWrapped,
        credentials_changed_at: now,
        failed_logins: 0,
        locked_until: null,
        version: eb('version', '+', 1),
        updated_at: now,
      }))
      .where('id', '=', input.id),
  );
  ctx.audit({ action: 'user.setPassword', entity: 'user', entityId: input.id, summary: `Password of ${user.username} set` });
  return { id: input.id };
});
