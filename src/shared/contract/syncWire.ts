import { z } from 'zod';
import type { ErrorCode } from '../errors.js';

/*
 * The push/pull protocol between a desk and the central service (ARCHITECTURE.md "Sync").
 * Internal and versioned: both sides send their schema version, and a mismatch is refused with
 * a message saying which side to update.
 */

/**
 * This protocol's version: sent with every request, and shown by `GET /v1/health` as `protocol`.
 * 2: each pushed op carries its user's signature.
 */
export const SYNC_PROTOCOL_VERSION = 2;
/** Ops per push request, and rows per pull page, at most. */
export const PUSH_PAGE_OPS = 200;
export const PULL_PAGE_ROWS = 5000;
export const REFRESH_KEYS_MAX = 5000;

const schemaVersion = z.number().int().positive();

export const joinBody = z.object({
  protocol: z.literal(SYNC_PROTOCOL_VERSION),
  schemaVersion,
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(1000),
  deskName: z.string().trim().min(1).max(100),
  /** A desk that serves one collection centre (a centre code). */
  centreCode: z.string().trim().max(40).optional(),
  /** The desk's own id, which it keeps when it joins again: its users sign their ops for it. */
  originId: z.string().min(1).max(64),
});
export interface JoinAnswer {
  deskId: string;
  token: string;
  /** The centre this desk holds licences for, or null for everything. */
  centreId: string | null;
  centreName: string | null;
  serverSchemaVersion: number;
}

/** A desk token not used for this many days (by the service's clock) is refused: the desk joins again. */
export const DESK_TOKEN_EXPIRES_UNUSED_DAYS = 90;

/**
 * The `code` of the 401 that refuses a desk's token, by why: never given or replaced by a newer
 * one, the desk withdrawn by an administrator, or the token not used for 90 days.
 */
export const TOKEN_REFUSAL_CODES = {
  unknown: 'not_signed_in',
  withdrawn: 'desk_withdrawn',
  expired: 'desk_token_expired',
} as const satisfies Record<string, ErrorCode>;
export type TokenRefusal = keyof typeof TOKEN_REFUSAL_CODES;

/** The `code` of the 409 that refuses a desk whose database is older than the service's: the desk needs the app's update. */
export const DESK_OUTDATED_CODE = 'desk_outdated';

export const pushOp = z.object({
  opId: z.string().min(1).max(64),
  seq: z.number().int().nonnegative(),
  name: z.string().min(1).max(100),
  input: z.unknown(),
  actorId: z.string().max(64).nullable(),
  at: z.string().datetime({ offset: true }),
  /** The user's Ed25519 signature over the op and the desk (base64): the proof that they made it. */
  signature: z.string().max(200).nullable(),
});
export type PushOp = z.infer<typeof pushOp>;
export const pushBody = z.object({
  protocol: z.literal(SYNC_PROTOCOL_VERSION),
  schemaVersion,
  ops: z.array(pushOp).max(PUSH_PAGE_OPS),
});
export type OpAnswer = { opId: string; status: 'applied' | 'duplicate' } | { opId: string; status: 'rejected'; reason: string };
export interface PushAnswer {
  results: OpAnswer[];
}

/** A row's key: its table and primary key, as the change log writes it (one value, or a JSON array). */
export const rowKey = z.object({ t: z.string().min(1).max(64), k: z.string().min(1).max(400) });
export type RowKey = z.infer<typeof rowKey>;

export const pullBody = z.object({
  protocol: z.literal(SYNC_PROTOCOL_VERSION),
  schemaVersion,
  cursor: z.number().int().nonnegative(),
  limit: z.number().int().positive().max(PULL_PAGE_ROWS).optional(),
  /** Asks for `tableEnds` with the page (a desk's first sync, on its first page). */
  tableEnds: z.boolean().optional(),
  /** The page is the changes after `cursor` up to this one (a first sync asks for several such ranges at once). */
  until: z.number().int().nonnegative().optional(),
});
export const rowsBody = z.object({
  protocol: z.literal(SYNC_PROTOCOL_VERSION),
  schemaVersion,
  keys: z.array(rowKey).max(REFRESH_KEYS_MAX),
});

/** Rows of one table: the column names once, then each row's values in that order. */
export interface TableRows {
  columns: string[];
  rows: unknown[][];
  /** Keys of rows that no longer exist on the server. */
  deleted: string[];
}
export interface RowsPage {
  tables: Record<string, TableRows>;
  /** How many changes this page holds (rows and deletions). */
  count: number;
}
export interface PullAnswer extends RowsPage {
  /** The cursor the page was read from: a desk applies it only onto that cursor. */
  from?: number;
  /** Store this with the page: the next pull starts after it. */
  cursor: number;
  more: boolean;
  /** The newest change the server holds: how far there is to go. */
  latest: number;
  /** When asked: each table's newest change the server holds, by table name (a first sync makes a table's indexes once its cursor passes it). */
  tableEnds?: Record<string, number>;
  /** This desk's next token: it keeps it and uses it from its next request on (the one it used stays good until then). */
  token?: string;
}
