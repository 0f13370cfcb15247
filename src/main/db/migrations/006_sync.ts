/**
 * Frozen once shipped. Sync with the central service: a change log kept by triggers, the desk's
 * sync state and rejected ops, and the desks known to a server. Imports no app code.
 *
 * `row_changes` holds one entry per changed row (the latest change wins the highest seq). On the
 * central service it is the change sequence desks pull from; on a desk it lists the rows its own
 * work changed since the last sync, to be refreshed from the server once their ops are answered.
 * The triggers write only while `change_capture` holds its row (always on a server, on a desk
 * once it has joined; a desk applying pulled rows takes the row out for that transaction).
 */
export const name = 'sync';

/** Replicated tables and their primary key columns. */
const SYNCED: readonly [string, readonly string[]][] = [
  ['centres', ['id']], ['users', ['id']], ['practitioners', ['id']], ['applications', ['id']],
  ['application_history', ['id']], ['fees', ['cadre', 'licence_year']], ['invoices', ['id']],
  ['sms_templates', ['event', 'language']], ['sms_messages', ['id']], ['payments', ['id']],
  ['payment_keys', ['key']], ['dispatch_batches', ['id']], ['licences', ['id']], ['licence_history', ['id']],
];

const keyOf = (row: 'NEW' | 'OLD', pk: readonly string[]) =>
  pk.length === 1 ? `${row}.${pk[0]}` : `json_array(${pk.map((c) => `${row}.${c}`).join(', ')})`;

const triggers = SYNCED.map(([table, pk]) => `
CREATE TRIGGER sync_${table}_insert AFTER INSERT ON ${table} WHEN EXISTS (SELECT 1 FROM change_capture) BEGIN
  INSERT OR REPLACE INTO row_changes (tbl, pk) VALUES ('${table}', ${keyOf('NEW', pk)});
END;
CREATE TRIGGER sync_${table}_update AFTER UPDATE ON ${table} WHEN EXISTS (SELECT 1 FROM change_capture) BEGIN
  INSERT OR REPLACE INTO row_changes (tbl, pk) VALUES ('${table}', ${keyOf('NEW', pk)});
END;
CREATE TRIGGER sync_${table}_delete AFTER DELETE ON ${table} WHEN EXISTS (SELECT 1 FROM change_capture) BEGIN
  INSERT OR REPLACE INTO row_changes (tbl, pk) VALUES ('${table}', ${keyOf('OLD', pk)});
END;`).join('\n');

export const sql = /* sql */ `
CREATE TABLE change_capture (
  id INTEGER PRIMARY KEY CHECK (id = 1)
);
CREATE TABLE row_changes (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  tbl TEXT NOT NULL,
  pk TEXT NOT NULL,
  UNIQUE (tbl, pk)
);
${triggers}

-- On a desk that has joined a central service: where it syncs and how far it has pulled.
CREATE TABLE sync_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  server_url TEXT NOT NULL,
  desk_id TEXT NOT NULL,
  desk_name TEXT NOT NULL,
  -- A clerk's desk holds only its centre's licences (NULL: everything).
  centre_id TEXT,
  joined_at TEXT NOT NULL,
  joined_by TEXT NOT NULL,
  cursor INTEGER NOT NULL DEFAULT 0,
  last_sync_at TEXT,
  last_attempt_at TEXT,
  last_error TEXT
);

-- During a desk's first sync: the secondary indexes and search triggers set aside while the
-- rows arrive (made again, and the search index rebuilt, once the last page is in).
CREATE TABLE sync_deferred (
  name TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  sql TEXT NOT NULL
);

-- Ops the server refused, shown to the user who made them with the reason.
CREATE TABLE sync_rejections (
  op_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  input TEXT NOT NULL,
  actor_id TEXT,
  at TEXT NOT NULL,
  reason TEXT NOT NULL,
  rejected_at TEXT NOT NULL,
  dismissed_at TEXT
);
CREATE INDEX sync_rejections_actor ON sync_rejections(actor_id, rejected_at);

-- On a central service: the desks that joined it.
CREATE TABLE sync_desks (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  centre_id TEXT,
  joined_by TEXT NOT NULL,
  joined_at TEXT NOT NULL,
  last_seen_at TEXT,
  active INTEGER NOT NULL DEFAULT 1
);
`;
