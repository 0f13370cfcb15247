/** Frozen once shipped. SMS sending: claims, every attempt, the queue's pause switch. */
export const name = 'sms_sending';

export const sql = /* sql */ `
ALTER TABLE sms_messages ADD COLUMN claimed_by TEXT;
ALTER TABLE sms_messages ADD COLUMN claimed_at TEXT;
CREATE INDEX sms_messages_gateway_id ON sms_messages(gateway_message_id);
CREATE INDEX sms_messages_due ON sms_messages(state, next_attempt_at);

CREATE TABLE sms_attempts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  message_id TEXT NOT NULL REFERENCES sms_messages(id),
  started_at TEXT NOT NULL,
  finished_at TEXT,
  outcome TEXT NOT NULL,
  status_code INTEGER,
  detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sms_attempts_message ON sms_attempts(message_id, id);

-- One row: whether sending is paused (insufficient balance, refused credentials) and why.
CREATE TABLE sms_queue (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  paused_at TEXT,
  reason TEXT
);
INSERT INTO sms_queue (id) VALUES (1);
`;
