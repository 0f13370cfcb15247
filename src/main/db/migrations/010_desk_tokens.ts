/**
 * Frozen once shipped. Desk tokens that expire, rotate and can be withdrawn.
 *
 * - `sync_desks` now syncs to the desks that hold all records (an administrator's Settings, Sync
 *   lists the joined desks), so it keeps no token: the table is made again without `token_hash`,
 *   and a desk is withdrawn with who and when instead of `active = 0`.
 * - `sync_desk_tokens` (the central service's only): each token of a desk by its hash, the one the
 *   desk uses (`in_use`) and those offered to it in a pull's answer that it has not used yet. The
 *   first offered token the desk uses replaces all the others.
 * - `sync_state.refusal`: on a desk, why the service last refused its token (withdrawn, expired,
 *   unknown), until a round gets through again.
 * - The change log's triggers for `sync_desks` (as src/main/sync/capture.ts makes them: they
 *   write only while `change_capture` holds its row), so that a desk that joined before this
 *   version logs its own changes to the table too; and on a central service, every desk once.
 */
export const name = 'desk_tokens';

export const sql = /* sql */ `
CREATE TABLE sync_desks_new (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  centre_id TEXT,
  joined_by TEXT NOT NULL,
  joined_at TEXT NOT NULL,
  last_seen_at TEXT,
  withdrawn_at TEXT,
  withdrawn_by TEXT,
  -- the desk's own id (settings desk.id): its users sign their ops for it, and it stays when the desk joins again
  origin_id TEXT NOT NULL DEFAULT ''
);
INSERT INTO sync_desks_new (id, name, centre_id, joined_by, joined_at, last_seen_at, withdrawn_at, withdrawn_by)
  SELECT id, name, centre_id, joined_by, joined_at, last_seen_at,
         CASE WHEN active = 0 THEN coalesce(last_seen_at, joined_at) END,
         NULL
  FROM sync_desks;

CREATE TABLE sync_desk_tokens (
  token_hash TEXT PRIMARY KEY,
  desk_id TEXT NOT NULL REFERENCES sync_desks_new(id),
  issued_at TEXT NOT NULL,
  in_use INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sync_desk_tokens_desk ON sync_desk_tokens(desk_id);
INSERT INTO sync_desk_tokens (token_hash, desk_id, issued_at, in_use) SELECT token_hash, id, joined_at, 1 FROM sync_desks;

DROP TABLE sync_desks;
ALTER TABLE sync_desks_new RENAME TO sync_desks;

ALTER TABLE sync_state ADD COLUMN refusal TEXT;

CREATE TRIGGER IF NOT EXISTS sync_sync_desks_insert AFTER INSERT ON sync_desks
  WHEN EXISTS (SELECT 1 FROM change_capture) BEGIN
    INSERT OR REPLACE INTO row_changes (tbl, pk) VALUES ('sync_desks', NEW.id);
  END;
CREATE TRIGGER IF NOT EXISTS sync_sync_desks_update AFTER UPDATE ON sync_desks
  WHEN EXISTS (SELECT 1 FROM change_capture) BEGIN
    INSERT OR REPLACE INTO row_changes (tbl, pk) VALUES ('sync_desks', NEW.id);
  END;
CREATE TRIGGER IF NOT EXISTS sync_sync_desks_delete AFTER DELETE ON sync_desks
  WHEN EXISTS (SELECT 1 FROM change_capture) BEGIN
    INSERT OR REPLACE INTO row_changes (tbl, pk) VALUES ('sync_desks', OLD.id);
  END;
INSERT OR IGNORE INTO row_changes (tbl, pk) SELECT 'sync_desks', id FROM sync_desks WHERE EXISTS (SELECT 1 FROM change_capture);
`;
