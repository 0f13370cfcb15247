/** Frozen once shipped: never edit, only add a later migration. Imports no app code. */
export const name = 'initial';

export const sql = /* sql */ `
CREATE TABLE centres (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  town TEXT NOT NULL,
  region TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1,
  version INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  full_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'officer', 'clerk', 'auditor')),
  centre_id TEXT REFERENCES centres(id),
  password_hash TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until TEXT,
  created_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  locked INTEGER NOT NULL DEFAULT 0,
  ended_at TEXT
);

CREATE TABLE practitioners (
  id TEXT PRIMARY KEY,
  national_id TEXT NOT NULL UNIQUE,
  registration_no TEXT NOT NULL,
  first_name TEXT NOT NULL,
  middle_name TEXT NOT NULL DEFAULT '',
  last_name TEXT NOT NULL,
  phone TEXT,
  phone_raw TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  cadre TEXT NOT NULL CHECK (cadre IN ('technologist', 'technician')),
  qualification TEXT NOT NULL DEFAULT '',
  county TEXT NOT NULL DEFAULT '',
  employer TEXT NOT NULL DEFAULT '',
  register_status TEXT NOT NULL DEFAULT 'active' CHECK (register_status IN ('active', 'suspended', 'removed', 'unknown')),
  language TEXT NOT NULL DEFAULT 'en',
  version INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);
CREATE INDEX practitioners_registration_no ON practitioners(registration_no);
CREATE INDEX practitioners_phone ON practitioners(phone);
CREATE INDEX practitioners_last_name ON practitioners(last_name COLLATE NOCASE);

CREATE TABLE applications (
  id TEXT PRIMARY KEY,
  application_ref TEXT NOT NULL UNIQUE,
  practitioner_id TEXT NOT NULL REFERENCES practitioners(id),
  licence_year INTEGER NOT NULL,
  submitted_at TEXT NOT NULL,
  cpd_points INTEGER NOT NULL DEFAULT 0,
  declaration_accepted INTEGER NOT NULL DEFAULT 0,
  disclosures TEXT NOT NULL DEFAULT '',
  centre_id TEXT REFERENCES centres(id),
  centre_text TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL CHECK (state IN ('submitted', 'approved', 'rejected', 'returned', 'paid', 'licensed')),
  revision INTEGER NOT NULL DEFAULT 1,
  decided_by TEXT REFERENCES users(id),
  decided_at TEXT,
  decision_reason TEXT,
  flags TEXT NOT NULL DEFAULT '',
  flag_count INTEGER NOT NULL DEFAULT 0,
  -- Denormalised from the practitioner for the queue's filters and sort.
  sort_name TEXT NOT NULL,
  cadre TEXT NOT NULL,
  county TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);
CREATE INDEX applications_state_submitted ON applications(state, submitted_at);
CREATE INDEX applications_year_state ON applications(licence_year, state, submitted_at);
CREATE INDEX applications_submitted ON applications(submitted_at);
CREATE INDEX applications_practitioner ON applications(practitioner_id, licence_year);
CREATE INDEX applications_centre ON applications(centre_id, state);
CREATE INDEX applications_sort_name ON applications(sort_name);
CREATE INDEX applications_flagged ON applications(flag_count, state);

CREATE TABLE application_history (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  application_id TEXT NOT NULL REFERENCES applications(id),
  at TEXT NOT NULL,
  actor_id TEXT,
  actor_name TEXT NOT NULL,
  action TEXT NOT NULL,
  from_state TEXT,
  to_state TEXT,
  reason TEXT,
  revision INTEGER NOT NULL,
  snapshot TEXT
);
CREATE INDEX application_history_application ON application_history(application_id, id);

CREATE TABLE fees (
  cadre TEXT NOT NULL CHECK (cadre IN ('technologist', 'technician')),
  licence_year INTEGER NOT NULL,
  amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
  placeholder INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (cadre, licence_year)
);

CREATE TABLE invoices (
  id TEXT PRIMARY KEY,
  application_id TEXT NOT NULL UNIQUE REFERENCES applications(id),
  bill_ref TEXT NOT NULL UNIQUE,
  amount_due_cents INTEGER NOT NULL,
  amount_paid_cents INTEGER NOT NULL DEFAULT 0,
  state TEXT NOT NULL DEFAULT 'unpaid' CHECK (state IN ('unpaid', 'partially_paid', 'paid', 'overpaid')),
  created_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);

CREATE TABLE sms_templates (
  event TEXT NOT NULL,
  language TEXT NOT NULL,
  body TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (event, language)
);

CREATE TABLE sms_messages (
  id TEXT PRIMARY KEY,
  -- One message per event: e.g. 'approved:<application id>:<revision>'.
  event_key TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  application_id TEXT REFERENCES applications(id),
  phone TEXT NOT NULL,
  event TEXT NOT NULL,
  language TEXT NOT NULL,
  body TEXT NOT NULL,
  encoding TEXT NOT NULL,
  parts INTEGER NOT NULL,
  state TEXT NOT NULL DEFAULT 'queued',
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT,
  sent_at TEXT,
  delivered_at TEXT,
  failure_reason TEXT,
  gateway_message_id TEXT,
  cost TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);
CREATE INDEX sms_messages_state ON sms_messages(state, created_at);
CREATE INDEX sms_messages_created ON sms_messages(created_at);
CREATE INDEX sms_messages_phone ON sms_messages(phone);

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT
);

CREATE TABLE audit_events (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  at TEXT NOT NULL,
  actor_id TEXT,
  actor_name TEXT NOT NULL,
  desk_id TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT,
  summary TEXT NOT NULL,
  before TEXT,
  after TEXT,
  op_id TEXT,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_events_entity ON audit_events(entity, entity_id);
CREATE INDEX audit_events_actor ON audit_events(actor_id, seq);

-- Every op applied on this desk, by id: a re-sent op is answered 'duplicate', never applied twice.
CREATE TABLE applied_ops (
  op_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  actor_id TEXT,
  at TEXT NOT NULL,
  result TEXT
);

-- Ops waiting to be pushed to the central service (written only when sync is on).
CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  op_id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  input TEXT NOT NULL,
  actor_id TEXT,
  at TEXT NOT NULL
);

CREATE TABLE imports (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  file_name TEXT NOT NULL,
  file_sha256 TEXT NOT NULL,
  rows INTEGER NOT NULL,
  imported INTEGER NOT NULL,
  at TEXT NOT NULL,
  actor_name TEXT NOT NULL
);
-- Search by name, national ID, phone or reference in one box.
CREATE VIRTUAL TABLE applications_search USING fts5(
  terms, content='', contentless_delete=1, tokenize = 'unicode61', prefix = '2 3 4'
);
CREATE VIEW application_search_terms AS
  SELECT a.rowid AS rowid,
         a.application_ref || ' ' || p.first_name || ' ' || p.middle_name || ' ' || p.last_name || ' ' ||
         p.national_id || ' ' || p.registration_no || ' ' || coalesce(p.phone, '') || ' ' ||
         coalesce('0' || substr(p.phone, 4), '') || ' ' || coalesce(i.bill_ref, '') AS terms
  FROM applications a
  JOIN practitioners p ON p.id = a.practitioner_id
  LEFT JOIN invoices i ON i.application_id = a.id;
CREATE TRIGGER applications_search_insert AFTER INSERT ON applications BEGIN
  INSERT INTO applications_search(rowid, terms) SELECT rowid, terms FROM application_search_terms WHERE rowid = new.rowid;
END;
CREATE TRIGGER practitioners_search_update AFTER UPDATE ON practitioners BEGIN
  DELETE FROM applications_search WHERE rowid IN (SELECT rowid FROM applications WHERE practitioner_id = new.id);
  INSERT INTO applications_search(rowid, terms)
    SELECT t.rowid, t.terms FROM application_search_terms t JOIN applications a ON a.rowid = t.rowid WHERE a.practitioner_id = new.id;
END;
CREATE TRIGGER invoices_search_insert AFTER INSERT ON invoices BEGIN
  DELETE FROM applications_search WHERE rowid = (SELECT rowid FROM applications WHERE id = new.application_id);
  INSERT INTO applications_search(rowid, terms)
    SELECT t.rowid, t.terms FROM application_search_terms t JOIN applications a ON a.rowid = t.rowid WHERE a.id = new.application_id;
END;
`;
