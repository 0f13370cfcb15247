/**
 * Frozen once shipped. The Board's licence keys reach every desk; secrets never leave the desk.
 *
 * - `licence_keys`: the public keys that verify the Board's licences, replicated to every desk
 *   (centre desks included) so that any desk verifies a QR code offline. The key a desk recorded
 *   as the setting `licence.publicKey` is carried over (the setting row stays). On a central
 *   service whose change log already runs, the key is logged so that desks pull it.
 * - A desk's secret settings (sms.apiKey, server.ecitizenSecret, server.deliveryReportToken) are
 *   its own: earlier versions put them in clear into the outbox, sent them to the service and kept
 *   a refused one's value. Waiting ones are dropped (the desk keeps the value; the service must not
 *   take it), refused ones forget the value.
 */
export const name = 'secrets';

const SECRET_SETTINGS = `('sms.apiKey', 'server.ecitizenSecret', 'server.deliveryReportToken')`;

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

DELETE FROM outbox
  WHERE name = 'setting.set' AND json_valid(input) AND json_extract(input, '$.key') IN ${SECRET_SETTINGS};
UPDATE sync_rejections SET input = json_set(input, '$.value', '')
  WHERE name = 'setting.set' AND json_valid(input) AND json_extract(input, '$.key') IN ${SECRET_SETTINGS};
`;
