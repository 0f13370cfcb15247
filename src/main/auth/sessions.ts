import { createHash, randomBytes } from 'node:crypto';
import type { SessionInfo } from '../../shared/contract/session.js';
import { UserError } from '../../shared/errors.js';
import { PERMISSIONS, can, type Role } from '../../shared/permissions.js';
import { actorFromUser, type Actor } from '../core/actor.js';
import { appendAudit } from '../core/audit.js';
import type { DeskServices } from '../core/desk.js';
import type { KeyObject } from 'node:crypto';
import { openCredentials } from './credentials.js';
import { sessionKeys } from './keyring.js';

/** After this many failures in a row, each further attempt must wait, doubling up to a cap. */
const FREE_ATTEMPTS = 3;
const FIRST_WAIT_SECONDS = 5;
const MAX_WAIT_SECONDS = 300;
/** A session ends this long after sign-in, however active (the idle lock comes sooner). */
export const SESSION_MAX_HOURS = 12;

interface UserRecord {
  id: string; username: string; full_name: string; role: Role; centre_id: string | null;
  centre_name: string | null; password_hash: string; active: number; failed_logins: number;
  locked_until: string | null; op_key_wrapped: string | null;
}

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function waitAfterFailures(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(FIRST_WAIT_SECONDS * 2 ** (failures - FREE_ATTEMPTS), MAX_WAIT_SECONDS);
}

function findUser(desk: DeskServices, username: string): UserRecord | undefined {
  return desk.sqlite
    .prepare(
      `SELECT u.*, c.name AS centre_name FROM users u LEFT JOIN centres c ON c.id = u.centre_id WHERE u.username = ?`,
    )
    .get(username) as UserRecord | undefined;
}

function audit(desk: DeskServices, actor: Actor, action: string, summary: string): void {
  appendAudit(desk.sqlite, { action, entity: 'session', entityId: actor.id, summary }, { actor, deskId: desk.deskId, at: desk.clock().toISOString() });
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
    const user = findUser(desk, username);
    if (!user) return undefined;
    if (user.locked_until && new Date(user.locked_until) > now) {
      const seconds = Math.ceil((new Date(user.locked_until).getTime() - now.getTime()) / 1000);
      throw new UserError('too_many_attempts', `Too many failed attempts. Try again in ${seconds} seconds.`);
    }
    const failures = user.failed_logins + 1;
    const wait = waitAfterFailures(failures);
    desk.sqlite
      .prepare('UPDATE users SET failed_logins = ?, locked_until = ? WHERE id = ?')
      .run(failures, wait ? new Date(now.getTime() + wait * 1000).toISOString() : null, user.id);
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
    desk.sqlite.prepare('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?').run(user.id);
    if (user.active) { save(); return 'ok' as const; }
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
    desk.sqlite
      .prepare('INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at) VALUES (?, ?, ?, ?)')
      .run(tokenHash(token), user.id, at, at);
    audit(desk, actorFromUser(user), 'session.login', `${user.username} signed in`);
  });
  if (signingKey) sessionKeys(desk).set(tokenHash(token), signingKey);
  return sessionInfo(desk, user, token);
}

interface SessionRow { token_hash: string; user_id: string; created_at: string; last_seen_at: string; locked: number; ended_at: string | null }

/** A session that has not ended: sign-out, a password change or reset, a disabled account and the 12-hour limit end one. */
function sessionRow(desk: DeskServices, token: string): SessionRow {
  const row = desk.sqlite.prepare('SELECT * FROM sessions WHERE token_hash = ?').get(tokenHash(token)) as SessionRow | undefined;
  const now = desk.clock();
  if (row && !row.ended_at && now.getTime() - new Date(row.created_at).getTime() > SESSION_MAX_HOURS * 3_600_000) {
    desk.sqlite.prepare('UPDATE sessions SET ended_at = ? WHERE token_hash = ?').run(now.toISOString(), row.token_hash);
    sessionKeys(desk).delete(row.token_hash);
    throw new UserError('not_signed_in', `Sessions end ${SESSION_MAX_HOURS} hours after sign-in. Sign in again.`);
  }
  if (!row || row.ended_at) {
    if (row) sessionKeys(desk).delete(row.token_hash);
    if (row && desk.sqlite.prepare('SELECT active FROM users WHERE id = ?').pluck().get(row.user_id) === 0) {
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
    const user = desk.sqlite
      .prepare('SELECT u.*, c.name AS centre_name FROM users u LEFT JOIN centres c ON c.id = u.centre_id WHERE u.id = ?')
      .get(row.user_id) as UserRecord;
    if (!user.active) {
      desk.sqlite.prepare('UPDATE sessions SET ended_at = ? WHERE token_hash = ?').run(desk.clock().toISOString(), row.token_hash);
      sessionKeys(desk).delete(row.token_hash);
      throw new UserError('user_disabled', 'This account is disabled. Ask an administrator.');
    }
    const now = desk.clock();
    const idleMs = Number(desk.setting('session.idleLockMinutes')) * 60_000;
    if (row.locked || now.getTime() - new Date(row.last_seen_at).getTime() > idleMs) {
      if (!row.locked) desk.sqlite.prepare('UPDATE sessions SET locked = 1 WHERE token_hash = ?').run(row.token_hash);
      sessionKeys(desk).delete(row.token_hash);
      throw new UserError('session_locked', 'The screen is locked. Enter your password to go on.');
    }
    desk.sqlite.prepare('UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?').run(now.toISOString(), row.token_hash);
    const signingKey = sessionKeys(desk).get(row.token_hash);
    return { actor: { ...actorFromUser(user), ...(signingKey ? { signingKey } : {}) }, info: sessionInfo(desk, user, token) };
  });
}

export async function lockSession(desk: DeskServices, token: string): Promise<void> {
  await desk.db.connection().execute(async () => {
    const row = sessionRow(desk, token);
    desk.sqlite.prepare('UPDATE sessions SET locked = 1 WHERE token_hash = ?').run(row.token_hash);
    sessionKeys(desk).delete(row.token_hash);
  });
}

export async function unlockSession(desk: DeskServices, token: string, password: string): Promise<SessionInfo> {
  const row = await desk.db.connection().execute(async () => sessionRow(desk, token));
  const owner = desk.sqlite.prepare('SELECT username FROM users WHERE id = ?').get(row.user_id) as { username: string };
  const { user, signingKey } = await checkCredentials(desk, owner.username, password);
  await desk.db.connection().execute(async () => {
    desk.sqlite
      .prepare('UPDATE sessions SET locked = 0, last_seen_at = ? WHERE token_hash = ?')
      .run(desk.clock().toISOString(), row.token_hash);
  });
  if (signingKey) sessionKeys(desk).set(row.token_hash, signingKey);
  return sessionInfo(desk, user, token);
}

export async function logout(desk: DeskServices, token: string): Promise<void> {
  await desk.db.transaction().execute(async () => {
    const row = sessionRow(desk, token);
    desk.sqlite.prepare('UPDATE sessions SET ended_at = ? WHERE token_hash = ?').run(desk.clock().toISOString(), row.token_hash);
    sessionKeys(desk).delete(row.token_hash);
    const user = desk.sqlite.prepare('SELECT * FROM users WHERE id = ?').get(row.user_id) as UserRecord;
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
    desk.read.selectFrom('sessions').innerJoin('users', 'users.id', 'sessions.user_id')
      .select(['sessions.created_at', 'sessions.last_seen_at', 'sessions.locked', 'sessions.ended_at', 'users.active'])
      .where('sessions.token_hash', '=', tokenHash(token)),
  );
  if (!row || row.ended_at !== null || row.locked || !row.active) return false;
  const now = desk.clock().getTime();
  const idleMs = Number(desk.setting('session.idleLockMinutes')) * 60_000;
  return now - Date.parse(row.last_seen_at) <= idleMs && now - Date.parse(row.created_at) <= SESSION_MAX_HOURS * 3_600_000;
}
