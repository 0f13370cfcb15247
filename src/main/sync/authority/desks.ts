import { createHash, randomBytes } from 'node:crypto';
import { DESK_TOKEN_EXPIRES_UNUSED_DAYS, type TokenRefusal } from '../../../shared/contract/syncWire.js';
import { formatNairobi } from '../../../shared/time.js';
import { sql, statements, type ReadableDB, type WritableDB } from '../../db/handles.js';

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
export interface RegisteredDesk {
  id: string;
  name: string;
  centreId: string | null;
  originId: string;
}

export type DeskAuthentication =
  { ok: true; desk: RegisteredDesk; tokenHash: string; tokenIssuedAt: string } | { ok: false; refusal: TokenRefusal; message: string };

export function syncTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newSyncToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Records a desk's first token (it joined). */
export function recordFirstToken(db: WritableDB, deskId: string, tokenHash: string, at: string): void {
  db.run(db.insertInto('sync_desk_tokens').values({ token_hash: tokenHash, desk_id: deskId, issued_at: at, in_use: 1 }));
}

/** The desk a token names, with the token's own state. */
function findToken(db: ReadableDB, tokenHash: string) {
  return db.first(
    db
      .selectFrom('sync_desk_tokens as t')
      .innerJoin('sync_desks as d', 'd.id', 't.desk_id')
      .select([
        'd.id',
        'd.name',
        'd.centre_id as centreId',
        'd.origin_id as originId',
        'd.joined_at as joinedAt',
        'd.last_seen_at as lastSeenAt',
        'd.withdrawn_at as withdrawnAt',
        'd.withdrawn_by as withdrawnBy',
        't.in_use as inUse',
        't.issued_at as issuedAt',
      ])
      .where('t.token_hash', '=', tokenHash),
  );
}

type TokenRow = NonNullable<ReturnType<typeof findToken>>;

/**
 * The desk a request's token names, or why it is refused: unknown (never given, or replaced by a
 * newer one the desk has used), the desk withdrawn, or not used for `DESK_TOKEN_EXPIRES_UNUSED_DAYS`.
 * The first use of an offered token makes it the desk's token and ends all its others. Marks the
 * desk seen (at most every `DESK_LAST_SEEN_EVERY_MS`).
 */
export function authenticateDesk(db: WritableDB, token: string | undefined, now: Date): DeskAuthentication {
  const tokenHash = syncTokenHash(token ?? '');
  const row = token ? findToken(db, tokenHash) : undefined;
  if (!row) return refused('unknown');
  if (row.withdrawnAt) return refused('withdrawn', row);
  const lastUsed = [row.lastSeenAt ?? row.joinedAt, row.issuedAt].sort().at(-1)!;
  if (tokenExpired(lastUsed, now)) return refused('expired', row, lastUsed);
  db.transaction(() => {
    if (!row.inUse) {
      db.run(db.deleteFrom('sync_desk_tokens').where('desk_id', '=', row.id).where('token_hash', '<>', tokenHash));
      db.run(db.updateTable('sync_desk_tokens').set({ in_use: 1 }).where('token_hash', '=', tokenHash));
    }
    const seenBefore = new Date(now.getTime() - DESK_LAST_SEEN_EVERY_MS).toISOString();
    db.run(
      db
        .updateTable('sync_desks')
        .set({ last_seen_at: now.toISOString() })
        .where('id', '=', row.id)
        .where((eb) => eb.or([eb('last_seen_at', 'is', null), eb('last_seen_at', '<=', seenBefore)])),
    );
  });
  return { ok: true, desk: { id: row.id, name: row.name, centreId: row.centreId, originId: row.originId }, tokenHash, tokenIssuedAt: row.issuedAt };
}

/**
 * A new token for the desk when the one it used is `DESK_TOKEN_ROTATES_AFTER_MS` old, else null.
 * The token it used stays good until it uses the new one, so an answer lost on the way changes
 * nothing: the next pull offers another.
 */
export function offerNewToken(db: WritableDB, auth: Extract<DeskAuthentication, { ok: true }>, now: Date): string | null {
  if (now.getTime() - Date.parse(auth.tokenIssuedAt) < DESK_TOKEN_ROTATES_AFTER_MS) return null;
  const token = newSyncToken();
  const deskId = auth.desk.id;
  db.transaction(() => {
    db.run(db.insertInto('sync_desk_tokens').values({ token_hash: syncTokenHash(token), desk_id: deskId, issued_at: now.toISOString(), in_use: 0 }));
    const kept = db
      .selectFrom('sync_desk_tokens')
      .select('token_hash')
      .where('desk_id', '=', deskId)
      .where('in_use', '=', 0)
      .orderBy('issued_at', 'desc')
      .orderBy(sql`rowid`, 'desc')
      .limit(OFFERED_TOKENS_KEPT);
    db.run(db.deleteFrom('sync_desk_tokens').where('desk_id', '=', deskId).where('in_use', '=', 0).where('token_hash', 'not in', kept));
  });
  return token;
}

/** A token last used at `lastUsed` (ISO) is no longer taken at `now`. */
export function tokenExpired(lastUsed: string, now: Date): boolean {
  return now.getTime() - Date.parse(lastUsed) > DESK_TOKEN_EXPIRES_UNUSED_DAYS * DAY_MS;
}

/** Asked before each op of a pushed page: built once (compileOnce). */
const withdrawnAt = (deskId: string) => statements.selectFrom('sync_desks').select('withdrawn_at').where('id', '=', deskId);

/** True once the desk has been withdrawn (a page of its ops stops there). */
export function deskWithdrawn(db: ReadableDB, deskId: string): boolean {
  const row = db.compileOnce(withdrawnAt).first(deskId);
  return row !== undefined && row.withdrawn_at !== null;
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
