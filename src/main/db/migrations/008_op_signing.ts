/**
 * Frozen once shipped. Every change the central service takes is signed by its user
 * (ARCHITECTURE.md "Sync", Trust).
 *
 * - users: the op-signing key (Ed25519): public, and private wrapped by the password; and when the
 *   credentials last changed (a reset, a disable). A change ends the user's sessions, here and on
 *   every desk that pulls the row.
 * - outbox: each op's signature, made when it was recorded.
 * - applied_ops: when this machine received the op (`at` stays when it was made).
 * - Every user row is logged as changed where the change log runs, so that desks take the rows
 *   again under the rule of who signs in where: a centre's desk lets go of every user but its clerks.
 */
export const name = 'op_signing';

export const sql = /* sql */ `
ALTER TABLE users ADD COLUMN op_public_key TEXT;
ALTER TABLE users ADD COLUMN op_key_wrapped TEXT;
ALTER TABLE users ADD COLUMN credentials_changed_at TEXT;
ALTER TABLE outbox ADD COLUMN signature TEXT;
ALTER TABLE applied_ops ADD COLUMN received_at TEXT;

CREATE TRIGGER users_credentials_end_sessions AFTER UPDATE OF credentials_changed_at, active ON users
WHEN NEW.credentials_changed_at IS NOT OLD.credentials_changed_at OR (NEW.active = 0 AND OLD.active <> 0)
BEGIN
  UPDATE sessions SET ended_at = NEW.updated_at WHERE user_id = NEW.id AND ended_at IS NULL;
END;

INSERT OR REPLACE INTO row_changes (tbl, pk) SELECT 'users', id FROM users WHERE EXISTS (SELECT 1 FROM change_capture);
`;
