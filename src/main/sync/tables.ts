import type { Entity } from '../../shared/contract/entities.js';
import { sql, type ReadableDB } from '../db/handles.js';

/**
 * The tables the central service replicates to desks, parents first, with their primary keys
 * (the change log's triggers are made from this list: capture.ts). Everything else (sessions, audit trail, ops, outbox, settings, imports, SMS
 * attempts) stays on the machine that wrote it.
 */
export interface SyncedTable {
  name: string;
  pk: readonly string[];
  /** What a screen shows of it: a pull that writes its rows refreshes the queries reading that entity. */
  entity: Entity;
  /** The column naming the application whose search row an insert rewrites (its search trigger, 001_initial.ts). */
  rewritesSearchOf?: string;
}

export const SYNCED_TABLES: readonly SyncedTable[] = [
  { name: 'centres', pk: ['id'], entity: 'centre' },
  { name: 'users', pk: ['id'], entity: 'user' },
  { name: 'practitioners', pk: ['id'], entity: 'application' },
  { name: 'applications', pk: ['id'], entity: 'application' },
  { name: 'application_history', pk: ['id'], entity: 'application' },
  { name: 'fees', pk: ['cadre', 'licence_year'], entity: 'fee' },
  { name: 'invoices', pk: ['id'], entity: 'invoice', rewritesSearchOf: 'application_id' },
  { name: 'sms_templates', pk: ['event', 'language'], entity: 'smsTemplate' },
  { name: 'sms_messages', pk: ['id'], entity: 'sms' },
  { name: 'payments', pk: ['id'], entity: 'payment' },
  { name: 'payment_keys', pk: ['key'], entity: 'payment' },
  { name: 'dispatch_batches', pk: ['id'], entity: 'batch' },
  { name: 'licences', pk: ['id'], entity: 'licence' },
  { name: 'licence_history', pk: ['id'], entity: 'licence' },
  { name: 'licence_keys', pk: ['public_key'], entity: 'licence' },
  // The desks that joined (never their tokens: those are in sync_desk_tokens, which stays on the service).
  { name: 'sync_desks', pk: ['id'], entity: 'sync' },
];
const BY_NAME = new Map(SYNCED_TABLES.map((t) => [t.name, t]));

export function syncedTable(name: string): SyncedTable | undefined {
  return BY_NAME.get(name);
}

/** The SQL expression giving a row's key as the change log stores it (alias `t`). */
export function keyExpression(pk: readonly string[], alias = 't'): string {
  return pk.length === 1 ? `${alias}.${pk[0]}` : `json_array(${pk.map((c) => `${alias}.${c}`).join(', ')})`;
}

/** The key of a row given as column values, in the change log's form. */
export function keyOfRow(pk: readonly string[], columns: readonly string[], values: readonly unknown[]): string {
  const parts = pk.map((c) => values[columns.indexOf(c)]);
  return pk.length === 1 ? String(parts[0]) : JSON.stringify(parts);
}

export function columnsOf(db: ReadableDB, table: string): string[] {
  return db.all(sql<{ name: string }>`SELECT name FROM pragma_table_info(${table}) ORDER BY cid`).map((c) => c.name);
}

/** Unique constraints other than the primary key: a pulled row may collide with a local row on one. */
export function uniqueColumnSets(db: ReadableDB, table: string): string[][] {
  const indexes = db.all(sql<{ name: string }>`SELECT name FROM pragma_index_list(${table}) WHERE "unique" = 1 AND origin <> 'pk'`);
  return indexes.map((index) => db.all(sql<{ name: string }>`SELECT name FROM pragma_index_info(${index.name}) ORDER BY seqno`).map((c) => c.name));
}

/**
 * What a desk that serves one collection centre receives (parameter `@centre`): its centre's
 * licences, batches and licence history, the applications and holders of those licences (with
 * the personal details a clerk does not need left out), its own clerks (the only users who sign in
 * there), and the reference tables. Tables not listed are not sent to such a desk at all.
 */
export const CENTRE_SCOPE: Readonly<Record<string, string>> = {
  centres: '1',
  users: `(t.centre_id = @centre AND t.role = 'clerk')`,
  practitioners: `EXISTS (SELECT 1 FROM licences l WHERE l.practitioner_id = t.id AND l.centre_id = @centre)`,
  applications: `EXISTS (SELECT 1 FROM licences l WHERE l.application_id = t.id AND l.centre_id = @centre)`,
  dispatch_batches: `t.centre_id = @centre`,
  licences: `t.centre_id = @centre`,
  licence_history: `EXISTS (SELECT 1 FROM licences l WHERE l.id = t.licence_id AND l.centre_id = @centre)`,
  licence_keys: '1',
};

/**
 * Columns never sent to desks: each machine keeps its own. A desk's failed sign-ins slow sign-in
 * on that desk; the server's copy (its own sign-ins) must not clear them at every sync.
 */
export const LOCAL_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  users: ['failed_logins', 'locked_until'],
};

/**
 * A user's credentials (password verifier, wrapped op-signing key) go only to desks where the user
 * may sign in: a centre's desk (its clerks, all it holds) or a desk serving every centre (everyone
 * but clerks). Other desks get the user's row without them, so a stolen desk allows no offline
 * guessing of the passwords of people who never sign in there.
 */
export const CREDENTIAL_COLUMNS: Readonly<Record<string, unknown>> = { password_hash: '', op_key_wrapped: null };
export const SIGNS_IN_ON_ANY_CENTRE_DESK = `t.role <> 'clerk'`;

/** Columns blanked for a centre's desk (the holder's name, ID number and phone stay). */
export const CENTRE_REDACTED: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  practitioners: { email: '', employer: '', qualification: '', county: '', registration_no: '' },
  applications: { disclosures: '', decision_reason: null },
};
