/**
 * Frozen once shipped. Sync with the central service: a change log kept by triggers, the desk's
 * sync state and rejected ops, and the desks known to a server. Imports no app code.
 *
 * `row_changes` holds one entry per changed row (the latest change wins the highest seq). On the
 * central service it is the change sequence desks pull from; on a desk it lists the rows its own
 * work changed since the last sync, to be refreshed from the server once their ops are answered.
 * Triggers fill it (made when capture starts, src/main/sync/capture.ts: a desk that works alone
 * pays nothing for them); they write only while `change_capture` holds its row.
 */
export const name = 'sync';

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
