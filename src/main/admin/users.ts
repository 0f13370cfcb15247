import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { UserRow } from '../../shared/contract/admin.js';
import { UserError } from '../../shared/errors.js';
import { newCredentials } from '../auth/credentials.js';
import { newId } from '../core/ids.js';
import { defineCommand, defineQuery } from '../core/registry.js';

const SELECT = `SELECT u.id, u.username, u.full_name, u.role, u.centre_id, c.name AS centre_name, u.active, u.failed_logins
  FROM users u LEFT JOIN centres c ON c.id = u.centre_id`;
interface Row { id: string; username: string; full_name: string; role: UserRow['role']; centre_id: string | null; centre_name: string | null; active: number; failed_logins: number }

const toUserRow = (r: Row): UserRow => ({
  id: r.id, username: r.username, fullName: r.full_name, role: r.role, centreId: r.centre_id,
  centreName: r.centre_name, active: r.active === 1, failedLogins: r.failed_logins,
});

export function userById(sqlite: BetterSqlite3.Database, id: string): UserRow {
  const row = sqlite.prepare(`${SELECT} WHERE u.id = ?`).get(id) as Row | undefined;
  if (!row) throw new UserError('not_found', `No user with id ${id}.`);
  return toUserRow(row);
}

/** Clerks belong to exactly one centre; nobody else has one. */
function checkCentre(sqlite: BetterSqlite3.Database, role: string, centreId: string | null | undefined): string | null {
  if (role !== 'clerk') return null;
  if (!centreId) throw new UserError('invalid_input', 'A clerk needs a centre.', { field: 'centreId' });
  if (!sqlite.prepare('SELECT 1 FROM centres WHERE id = ?').get(centreId)) {
    throw new UserError('invalid_input', 'That centre does not exist.', { field: 'centreId' });
  }
  return centreId;
}

export const usersList = defineQuery('users.list', async (_db, { sqlite }) =>
  (sqlite.prepare(`${SELECT} ORDER BY u.username`).all() as Row[]).map(toUserRow));

export const userCreate = defineCommand('user.create', async (_tx, ctx, input) => {
  const { sqlite, now } = ctx;
  if (sqlite.prepare('SELECT 1 FROM users WHERE username = ?').get(input.username)) {
    throw new UserError('conflict', `The username '${input.username}' is taken.`, { field: 'username' });
  }
  const centreId = checkCentre(sqlite, input.role, input.centreId);
  const id = newId();
  const creds = input.credentials ?? await newCredentials(input.username, input.password!);
  ctx.syncInput({ ...input, password: undefined, credentials: creds });
  sqlite
    .prepare(
      `INSERT INTO users (id, username, full_name, role, centre_id, password_hash, op_public_key, op_key_wrapped, active, failed_logins,
         credentials_changed_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, 0, ?, ?, ?)`,
    )
    .run(id, input.username, input.fullName, input.role, centreId, creds.passwordHash, creds.opPublicKey, creds.opKeyWrapped, now, now, now);
  const user = userById(sqlite, id);
  ctx.audit({ action: 'user.create', entity: 'user', entityId: id, summary: `User ${user.username} (${user.role}) added`, after: user });
  return user;
});

export const userUpdate = defineCommand('user.update', async (_tx, ctx, input) => {
  const { sqlite, now } = ctx;
  const before = userById(sqlite, input.id);
  const role = input.role ?? before.role;
  const centreId = checkCentre(sqlite, role, input.centreId === undefined ? before.centreId : input.centreId);
  if (before.id === ctx.actor.id && (input.active === false || (input.role && input.role !== 'admin'))) {
    throw new UserError('invalid_input', 'You cannot disable yourself or take away your own administrator role.');
  }
  sqlite
    .prepare(
      `UPDATE users SET full_name = ?, role = ?, centre_id = ?, active = ?, version = version + 1, updated_at = ? WHERE id = ?`,
    )
    .run(input.fullName ?? before.fullName, role, centreId, (input.active ?? before.active) ? 1 : 0, now, input.id);
  // Disabling revokes the op-signing key everywhere (sessions end by trigger): enabled again, the user needs a new password.
  if (input.active === false) sqlite.prepare('UPDATE users SET op_public_key = NULL, op_key_wrapped = NULL WHERE id = ?').run(input.id);
  const after = userById(sqlite, input.id);
  ctx.audit({ action: 'user.update', entity: 'user', entityId: input.id, summary: `User ${after.username} changed`, before, after });
  return after;
});

export const userSetPassword = defineCommand('user.setPassword', async (_tx, ctx, input) => {
  const user = userById(ctx.sqlite, input.id);
  // A reset gives a new op-signing key: copies of the old one on desks can sign nothing the service takes.
  const creds = input.credentials ?? await newCredentials(user.username, input.password!);
  ctx.syncInput({ ...input, password: undefined, credentials: creds });
  ctx.sqlite
    .prepare(`UPDATE users SET password_hash = ?, op_public_key = ?, op_key_wrapped = ?, credentials_changed_at = ?, failed_logins = 0,
                locked_until = NULL, version = version + 1, updated_at = ? WHERE id = ?`)
    .run(creds.passwordHash, creds.opPublicKey, creds.opKeyWrapped, ctx.now, ctx.now, input.id);
  ctx.audit({ action: 'user.setPassword', entity: 'user', entityId: input.id, summary: `Password of ${user.username} set` });
  return { id: input.id };
});
