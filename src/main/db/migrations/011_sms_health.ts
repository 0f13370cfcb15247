/**
 * Frozen once shipped. The SMS gateway's health and test SMS.
 *
 * - `sms_queue` (its one row) also keeps how the gateway answered lately: when it last took a
 *   message, and, while every request fails, since when, the latest reason and whether it could
 *   not be reached at all (the header shows it; the worker writes it with each attempt).
 * - `sms_tests`: each test SMS an administrator sent from Settings, with its outcome. Not an
 *   applicant's message: never in `sms_messages`, its list, its reports or sync.
 */
export const name = 'sms_health';

export const sql = /* sql */ `
ALTER TABLE sms_queue ADD COLUMN last_success_at TEXT;
ALTER TABLE sms_queue ADD COLUMN failing_since TEXT;
ALTER TABLE sms_queue ADD COLUMN failure_reason TEXT;
ALTER TABLE sms_queue ADD COLUMN unreachable INTEGER NOT NULL DEFAULT 0;

CREATE TABLE sms_tests (
  id TEXT PRIMARY KEY,
  phone TEXT NOT NULL,
  body TEXT NOT NULL,
  requested_by TEXT NOT NULL,
  requested_at TEXT NOT NULL,
  -- sending, then sent, failed or uncertain
  outcome TEXT NOT NULL,
  finished_at TEXT,
  gateway_message_id TEXT,
  detail TEXT NOT NULL DEFAULT ''
);
`;
