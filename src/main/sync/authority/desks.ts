import { createHash, randomBytes } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';

/** A desk that joined the central service. */
export interface RegisteredDesk { id: string; name: string; centreId: string | null }

export function syncTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newSyncToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The desk holding this token, or null when the token is unknown or the desk was withdrawn. */
export function deskForToken(sqlite: BetterSqlite3.Database, token: string, at: string): RegisteredDesk | null {
  const row = sqlite.prepare('SELECT id, name, centre_id AS centreId FROM sync_desks WHERE token_hash = ? AND active = 1').get(syncTokenHash(token)) as
    | RegisteredDesk
    | undefined;
  if (!row) return null;
  sqlite.prepare('UPDATE sync_desks SET last_seen_at = ? WHERE id = ?').run(at, row.id);
  return row;
}
