import { createHash, randomBytes } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { DESK_TOKEN_EXPIRES_UNUSED_DAYS, type TokenRefusal } from '../../../shared/contract/syncWire.js';
import { formatNairobi } from '../../../shared/time.js';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** Once the token a desk uses is this old, the service offers it a new one in a pull's answer. */
export const DESK_TOKEN_ROTATES_AFTER_MS = DAY_MS;
/** Offered tokens kept per desk (each pull whose answer was lost offers another): the newest few. */
const OFFERED_TOKENS_KEPT = 3;
/**
 * A desk's `last_seen_at` is written at most this often: the row syncs to the desks, and each
 * write is a change every one of them pulls.
 */
export const DESK_LAST_SEEN_EVERY_MS = 10 * MINUTE_MS;

/** A desk that joined the central service. */
/** A desk that joined; `originId` is the desk's own id, which its users' signatures name (it stays when the desk joins again). */
export interface RegisteredDesk { id: string; name: string; centreId: string | null; originId: string }

export type DeskAuthentication =
  | { ok: true; desk: RegisteredDesk; tokenHash: string; tokenIssuedAt: string }
  | { ok: false; refusal: TokenRefusal; message: string };

export function syncTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newSyncToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Records a desk's first token (it joined). */
export function recordFirstToken(sqlite: BetterSqlite3.Database, deskId: string, tokenHash: string, at: string): void {
  sqlite.prepare('INSERT INTO sync_desk_tokens (token_hash, desk_id, issued_at, in_use) VALUES (?, ?, ?, 1)').run(tokenHash, deskId, at);
}

interface TokenRow {
  id: string; name: string; centreId: string | null; originId: string; joinedAt: string; lastSeenAt: string | null;
  withdrawnAt: string | null; withdrawnBy: string | null; inUse: number; issuedAt: string;
}

/**
 * The desk a request's token names, or why it is refused: unknown (never given, or replaced by a
 * newer one the desk has used), the desk withdrawn, or not used for `DESK_TOKEN_EXPIRES_UNUSED_DAYS`.
 * The first use of an offered token makes it the desk's token and ends all its others. Marks the
 * desk seen (at most every `DESK_LAST_SEEN_EVERY_MS`).
 */
export function authenticateDesk(sqlite: BetterSqlite3.Database, token: string | undefined, now: Date): DeskAuthentication {
  const tokenHash = syncTokenHash(token ?? '');
  const row = token ? (sqlite
    .prepare(`SELECT d.id, d.name, d.centre_id AS centreId, d.origin_id AS originId, d.joined_at AS joinedAt, d.last_seen_at AS lastSeenAt,
                     d.withdrawn_at AS withdrawnAt, d.withdrawn_by AS withdrawnBy, t.in_use AS inUse, t.issued_at AS issuedAt
              FROM sync_desk_tokens t JOIN sync_desks d ON d.id = t.desk_id WHERE t.token_hash = ?`)
    .get(tokenHash) as TokenRow | undefined) : undefined;
  if (!row) return refused('unknown');
  if (row.withdrawnAt) return refused('withdrawn', row);
  const lastUsed = [row.lastSeenAt ?? row.joinedAt, row.issuedAt].sort().at(-1)!;
  if (tokenExpired(lastUsed, now)) return refused('expired', row, lastUsed);
  sqlite.transaction(() => {
    if (!row.inUse) {
      sqlite.prepare('DELETE FROM sync_desk_tokens WHERE desk_id = ? AND token_hash <> ?').run(row.id, tokenHash);
      sqlite.prepare('UPDATE sync_desk_tokens SET in_use = 1 WHERE token_hash = ?').run(tokenHash);
    }
    sqlite
      .prepare('UPDATE sync_desks SET last_seen_at = ? WHERE id = ? AND (last_seen_at IS NULL OR last_seen_at <= ?)')
      .run(now.toISOString(), row.id, new Date(now.getTime() - DESK_LAST_SEEN_EVERY_MS).toISOString());
  })();
  return { ok: true, desk: { id: row.id, name: row.name, centreId: row.centreId, originId: row.originId }, tokenHash, tokenIssuedAt: row.issuedAt };
}

/**
 * A new token for the desk when the one it used is `DESK_TOKEN_ROTATES_AFTER_MS` old, else null.
 * The token it used stays good until it uses the new one, so an answer lost on the way changes
 * nothing: the next pull offers another.
 */
export function offerNewToken(sqlite: BetterSqlite3.Database, auth: Extract<DeskAuthentication, { ok: true }>, now: Date): string | null {
  if (now.getTime() - Date.parse(auth.tokenIssuedAt) < DESK_TOKEN_ROTATES_AFTER_MS) return null;
  const token = newSyncToken();
  sqlite.transaction(() => {
    sqlite.prepare('INSERT INTO sync_desk_tokens (token_hash, desk_id, issued_at, in_use) VALUES (?, ?, ?, 0)').run(syncTokenHash(token), auth.desk.id, now.toISOString());
    sqlite
      .prepare(`DELETE FROM sync_desk_tokens WHERE desk_id = ? AND in_use = 0 AND token_hash NOT IN
                (SELECT token_hash FROM sync_desk_tokens WHERE desk_id = ? AND in_use = 0 ORDER BY issued_at DESC, rowid DESC LIMIT ?)`)
      .run(auth.desk.id, auth.desk.id, OFFERED_TOKENS_KEPT);
  })();
  return token;
}

/** A token last used at `lastUsed` (ISO) is no longer taken at `now`. */
export function tokenExpired(lastUsed: string, now: Date): boolean {
  return now.getTime() - Date.parse(lastUsed) > DESK_TOKEN_EXPIRES_UNUSED_DAYS * DAY_MS;
}

/** True once the desk has been withdrawn (a page of its ops stops there). */
export function deskWithdrawn(sqlite: BetterSqlite3.Database, deskId: string): boolean {
  return sqlite.prepare('SELECT withdrawn_at IS NOT NULL FROM sync_desks WHERE id = ?').pluck().get(deskId) === 1;
}

const WHAT_TO_DO = 'To sync again, an administrator joins this desk again (Settings, Sync).';

function refused(refusal: TokenRefusal, row?: TokenRow, lastUsed?: string): DeskAuthentication {
  const message = {
    unknown: `The central service does not know this desk's token. ${WHAT_TO_DO}`,
    withdrawn: `This desk was withdrawn from the central service${row?.withdrawnBy ? ` by ${row.withdrawnBy}` : ''}${row?.withdrawnAt ? ` on ${formatNairobi(row.withdrawnAt)}` : ''}. ${WHAT_TO_DO}`,
    expired: `This desk's token has expired: it was last used on ${formatNairobi(lastUsed)}, more than ${DESK_TOKEN_EXPIRES_UNUSED_DAYS} days ago. ${WHAT_TO_DO}`,
  }[refusal];
  return { ok: false, refusal, message };
}
