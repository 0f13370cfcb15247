/**
 * Frozen once shipped. The Board's licence keys reach every desk.
 *
 * `licence_keys`: the public keys that verify the Board's licences, replicated to every desk
 * (centre desks included) so that any desk verifies a QR code offline. The key a desk recorded
 * as the setting `licence.publicKey` is carried over (the setting row stays). On a central
 * service whose change log already runs, the key is logged so that desks pull it.
 */
export const name = 'secrets';

export const sql = /* sql */ `
CREATE TABLE licence_keys (
  -- base64 of the Ed25519 public key (DER, SubjectPublicKeyInfo)
  public_key TEXT PRIMARY KEY,
  created_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);

INSERT OR IGNORE INTO licence_keys (public_key, created_at, updated_at)
  SELECT value, updated_at, updated_at FROM settings WHERE key = 'licence.publicKey' AND value <> '';

INSERT OR IGNORE INTO row_changes (tbl, pk)
  SELECT 'licence_keys', public_key FROM licence_keys
  WHERE EXISTS (SELECT 1 FROM change_capture) AND NOT EXISTS (SELECT 1 FROM sync_state);
`;
