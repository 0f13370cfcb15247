import { createHash, randomBytes } from 'node:crypto';
import type { SessionInfo } from '../../shared/contract/session.js';
import { UserError } from '../../shared/errors.js';
import { PERMISSIONS, can } from '../../shared/permissions.js';
import { actorFromUser, type Actor } from '../core/actor.js';
import { appendAudit } from '../core/audit.js';
import type { DeskServices } from '../core/deskServices.js';
import type { ReadableDB } from '../db/handles.js';
import type { KeyObject } from 'node:crypto';
import { openCredentials } from './credentials.js';
import { sessionKeys } from './keyring.js';

/** After this many failures in a row, each further attempt must wait, doubling up to a cap. */
const FREE_ATTEMPTS = 3;
const FIRST_WAIT_SECONDS = 5;
const MAX_WAIT_SECONDS = 300;
/** A session ends this long after sign-in, however active (the idle lock comes sooner). */
export const SESSION_MAX_HOURS = 12;

/** A user with their centre's name: what sign-in checks and a session answers. */
function usersWithCentre(db: ReadableDB) {
  return db.selectFrom('users as u').leftJoin('centres as c', 'c.id', 'u.centre_id').selectAll('u').select('c.name as centre_name');
}
type UserRecord = NonNullable<ReturnType<typeof findUser>>;

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function waitAfterFailures(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(FIRST_WAIT_SECONDS * 2 ** (failures - FREE_ATTEMPTS), MAX_WAIT_SECONDS);
}

function findUser(desk: DeskServices, by: { username: string } | { id: string }) {
  const users = usersWithCentre(desk.read);
  return desk.read.first('id' in by ? users.where('u.id', '=', by.id) : users.where('u.username', '=', by.username));
}

function endSession(desk: DeskServices, hash: string, at: string): void {
  desk.write.run(desk.write.updateTable('sessions').set({ ended_at: at }).where('token_hash', '=', hash));
}

function setLocked(desk: DeskServices, hash: string): void {
  desk.write.run(desk.write.updateTable('sessions').set({ locked: 1 }).where('token_hash', '=', hash));
}

function audit(desk: DeskServices, actor: Actor, action: string, summary: string): void {
  appendAudit(desk.write, { action, entity: 'session', entityId: actor.id, summary }, { actor, deskId: desk.deskId, at: desk.clock().toISOString() });
}

function sessionInfo(desk: DeskServices, u: UserRecord, token: string): SessionInfo {
  return {
    token,
    user: { id: u.id, username: u.username, fullName: u.full_name, role: u.role, centreId: u.centre_id, centreName: u.centre_name },
    permissions: PERMISSIONS.filter((p) => can(u.role, p)),
    idleLockMinutes: Number(desk.setting('session.idleLockMinutes')),
    deskName: desk.setting('desk.name'),
  };
}

/**
 * Claims one attempt before the password is checked, in one write: parallel guesses each take
 * their own attempt, and the one that reaches the limit locks the others out before they are checked.
 */
function claimAttempt(desk: DeskServices, username: string): Promise<UserRecord | undefined> {
  // Kysely's transaction holds the connection: no other work of this process runs inside it.
  return desk.db.transaction().execute(async () => {
    const now = desk.clock();
    const user = findUser(desk, { username });
    if (!user) return undefined;
    if (user.locked_until && new Date(user.locked_until) > now) {
      const seconds = Math.ceil((new Date(user.locked_until).getTime() - now.getTime()) / 1000);
      throw new UserError('too_many_attempts', `Too many failed attempts. Try again in ${seconds} seconds.`);
    }
    const failures = user.failed_logins + 1;
    const wait = waitAfterFailures(failures);
    const lockedUntil = wait ? new Date(now.getTime() + wait * 1000).toISOString() : null;
    desk.write.run(desk.write.updateTable('users').set({ failed_logins: failures, locked_until: lockedUntil }).where('id', '=', user.id));
    return user;
  });
}

/** Checks a password (each attempt counted, wrong ones slowing further attempts) and unwraps the user's op-signing key. Every attempt is audited. */
async function checkCredentials(desk: DeskServices, username: string, password: string): Promise<{ user: UserRecord; signingKey: KeyObject | null }> {
  const user = await claimAttempt(desk, username.trim().toLowerCase());
  const { ok, signingKey, save } = await openCredentials(desk, user, password);
  const failedActor: Actor = user ? actorFromUser(user) : { id: null, username, fullName: username, role: 'system', centreId: null };
  const outcome = await desk.db.transaction().execute(async () => {
    if (!user || !ok) {
      audit(desk, failedActor, 'session.login_failed', `Failed sign-in for '${username}'`);
      return 'failed' as const;
    }
    desk.write.run(desk.write.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', user.id));
    if (user.active) {
      save();
      return 'ok' as const;
    }
    audit(desk, failedActor, 'session.login_refused', `Sign-in refused: '${username}' is disabled`);
    return 'disabled' as const;
  });
  if (outcome === 'failed') throw new UserError('bad_credentials', 'That username and password do not match.');
  if (outcome === 'disabled') throw new UserError('user_disabled', 'This account is disabled. Ask an administrator.');
  return { user: user!, signingKey };
}

export async function login(desk: DeskServices, username: string, password: string): Promise<SessionInfo> {
  const { user, signingKey } = await checkCredentials(desk, username, password);
  const token = randomBytes(32).toString('base64url');
  const at = desk.clock().toISOString();
  await desk.db.transaction().execute(async () => {
    desk.write.run(desk.write.insertInto('sessions').values({ token_hash: tokenHash(token), user_id: user.id, created_at: at, last_seen_at: at }));
    audit(desk, actorFromUser(user), 'session.login', `${user.username} signed in`);
  });
  if (signingKey) sessionKeys(desk).set(tokenHash(token), signingKey);
  return sessionInfo(desk, user, token);
}

/** A session that has not ended: sign-out, a password change or reset, a disabled account and the 12-hour limit end one. */
function sessionRow(desk: DeskServices, token: string) {
  const row = desk.read.first(desk.read.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash(token)));
  const now = desk.clock();
  if (row && !row.ended_at && now.getTime() - new Date(row.created_at).getTime() > SESSION_MAX_HOURS * 3_600_000) {
    endSession(desk, row.token_hash, now.toISOString());
    sessionKeys(desk).delete(row.token_hash);
    throw new UserError('not_signed_in', `Sessions end ${SESSION_MAX_HOURS} hours after sign-in. Sign in again.`);
  }
  if (!row || row.ended_at) {
    if (row) sessionKeys(desk).delete(row.token_hash);
    if (row && desk.read.first(desk.read.selectFrom('users').select('active').where('id', '=', row.user_id))?.active === 0) {
      throw new UserError('user_disabled', 'This account is disabled. Ask an administrator.');
    }
    throw new UserError('not_signed_in', 'Your session has ended. Sign in again.');
  }
  return row;
}

/**
 * The actor behind a session token, with the op-signing key unwrapped at sign-in. A session idle
 * longer than the lock time is locked (its key dropped): it needs the password again.
 */
export async function resolveSession(desk: DeskServices, token: string | undefined): Promise<{ actor: Actor; info: SessionInfo }> {
  if (!token) throw new UserError('not_signed_in', 'Sign in first.');
  return desk.db.connection().execute(async () => {
    const row = sessionRow(desk, token);
    const user = findUser(desk, { id: row.user_id })!;
    if (!user.active) {
      endSession(desk, row.token_hash, desk.clock().toISOString());
      sessionKeys(desk).delete(row.token_hash);
      throw new UserError('user_disabled', 'This account is disabled. Ask an administrator.');
    }
    const now = desk.clock();
    const idleMs = Number(desk.setting('session.idleLockMinutes')) * 60_000;
    if (row.locked || now.getTime() - new Date(row.last_seen_at).getTime() > idleMs) {
      if (!row.locked) setLocked(desk, row.token_hash);
      sessionKeys(desk).delete(row.token_hash);
      throw new UserError('session_locked', 'The screen is locked. Enter your password to go on.');
    }
    desk.write.run(desk.write.updateTable('sessions').set({ last_seen_at: now.toISOString() }).where('token_hash', '=', row.token_hash));
    const signingKey = sessionKeys(desk).get(row.token_hash);
    return { actor: { ...actorFromUser(user), ...(signingKey ? { signingKey } : {}) }, info: sessionInfo(desk, user, token) };
  });
}

export async function lockSession(desk: DeskServices, token: string): Promise<void> {
  await desk.db.connection().execute(async () => {
    const row = sessionRow(desk, token);
    setLocked(desk, row.token_hash);
    sessionKeys(desk).delete(row.token_hash);
  });
}

export async function unlockSession(desk: DeskServices, token: string, password: string): Promise<SessionInfo> {
  const row = await desk.db.connection().execute(async () => sessionRow(desk, token));
  const owner = desk.read.first(desk.read.selectFrom('users').select('username').where('id', '=', row.user_id))!;
  const { user, signingKey } = await checkCredentials(desk, owner.username, password);
  await desk.db.connection().execute(async () => {
    desk.write.run(desk.write.updateTable('sessions').set({ locked: 0, last_seen_at: desk.clock().toISOString() }).where('token_hash', '=', row.token_hash));
  });
  if (signingKey) sessionKeys(desk).set(row.token_hash, signingKey);
  return sessionInfo(desk, user, token);
}

export async function logout(desk: DeskServices, token: string): Promise<void> {
  await desk.db.transaction().execute(async () => {
    const row = sessionRow(desk, token);
    endSession(desk, row.token_hash, desk.clock().toISOString());
    sessionKeys(desk).delete(row.token_hash);
    const user = findUser(desk, { id: row.user_id })!;
    audit(desk, actorFromUser(user), 'session.logout', `${user.username} signed out`);
  });
}

/** For the CLI: `--user U --password-file F` signs in for one command, without a session; the key lives as long as the process. */
export async function authenticate(desk: DeskServices, username: string, password: string): Promise<Actor> {
  const { user, signingKey } = await checkCredentials(desk, username, password);
  return { ...actorFromUser(user), ...(signingKey ? { signingKey } : {}) };
}

/**
 * Whether a session may still be told of changes (an open event stream): not ended, not locked,
 * not idle past the lock time nor past its 12 hours, its user active. Reads only: being told of a
 * change is not activity, so it never keeps a session from locking.
 */
export function sessionOpen(desk: DeskServices, token: string): boolean {
  const row = desk.read.first(
    desk.read
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select(['sessions.created_at', 'sessions.last_seen_at', 'sessions.locked', 'sessions.ended_at', 'users.active'])
      .where('sessions.token_hash', '=', tokenHash(token)),
  );
  if (!row || row.ended_at !== null || row.locked || !row.active) return false;
  const now = desk.clock().getTime();
  const idleMs = Number(desk.setting('session.idleLockMinutes')) * 60_000;
  return now - Date.parse(row.last_seen_at) <= idleMs && now - Date.parse(row.created_at) <= SESSION_MAX_HOURS * 3_600_000;
}
