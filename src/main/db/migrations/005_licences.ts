/** Frozen once shipped. Licences, their numbers, dispatch batches to the centres, and collection. */
export const name = 'licences';

export const sql = /* sql */ `
-- The last sequence number given per licence year: numbers are gapless because they are taken
-- inside the transaction that issues the licence.
CREATE TABLE licence_sequences (
  licence_year INTEGER PRIMARY KEY,
  last INTEGER NOT NULL
);

CREATE TABLE dispatch_batches (
  id TEXT PRIMARY KEY,
  batch_no TEXT NOT NULL UNIQUE,
  centre_id TEXT NOT NULL REFERENCES centres(id),
  state TEXT NOT NULL CHECK (state IN ('dispatched', 'received')),
  licence_count INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT,
  received_at TEXT,
  received_by TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);
CREATE INDEX dispatch_batches_centre ON dispatch_batches(centre_id, state, created_at);

CREATE TABLE licences (
  id TEXT PRIMARY KEY,
  licence_no TEXT NOT NULL UNIQUE,
  licence_year INTEGER NOT NULL,
  sequence INTEGER NOT NULL,
  application_id TEXT NOT NULL UNIQUE REFERENCES applications(id),
  practitioner_id TEXT NOT NULL REFERENCES practitioners(id),
  centre_id TEXT NOT NULL REFERENCES centres(id),
  state TEXT NOT NULL CHECK (state IN ('issued', 'dispatched', 'at_centre', 'collected', 'revoked')),
  valid_from TEXT NOT NULL,
  valid_to TEXT NOT NULL,
  issued_at TEXT NOT NULL,
  issued_by TEXT,
  batch_id TEXT REFERENCES dispatch_batches(id),
  dispatched_at TEXT,
  received_at TEXT,
  collected_at TEXT,
  collected_by_clerk TEXT,
  collector_kind TEXT CHECK (collector_kind IN ('holder', 'proxy')),
  collector_name TEXT,
  collector_id_no TEXT,
  collector_note TEXT,
  revoked_at TEXT,
  revoked_by TEXT,
  revoke_reason TEXT,
  state_since TEXT NOT NULL,
  -- The signed QR payload, made by the authority when it issued the licence.
  qr_payload TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL,
  UNIQUE (licence_year, sequence)
);
CREATE INDEX licences_centre_state ON licences(centre_id, state, state_since);
CREATE INDEX licences_state ON licences(state, state_since);
CREATE INDEX licences_batch ON licences(batch_id);
CREATE INDEX licences_practitioner ON licences(practitioner_id);
CREATE INDEX licences_issued ON licences(issued_at);

CREATE TABLE licence_history (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  licence_id TEXT NOT NULL REFERENCES licences(id),
  at TEXT NOT NULL,
  actor_id TEXT,
  actor_name TEXT NOT NULL,
  action TEXT NOT NULL,
  from_state TEXT,
  to_state TEXT,
  centre_id TEXT,
  reason TEXT
);
CREATE INDEX licence_history_licence ON licence_history(licence_id, id);
`;
