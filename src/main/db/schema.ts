/** Kysely types for every table (migration 001). Booleans are stored as 0/1. */
import type { Generated } from 'kysely';

export interface CentresTable {
  id: string;
  code: string;
  name: string;
  town: string;
  region: string;
  active: number;
  version: Generated<number>;
  updated_at: string;
}
export interface UsersTable {
  id: string;
  username: string;
  full_name: string;
  role: 'admin' | 'officer' | 'clerk' | 'auditor';
  centre_id: string | null;
  password_hash: string;
  active: Generated<number>;
  failed_logins: Generated<number>;
  locked_until: string | null;
  created_at: string;
  version: Generated<number>;
  updated_at: string;
  op_public_key: string | null;
  op_key_wrapped: string | null;
  credentials_changed_at: string | null;
}
export interface SessionsTable {
  token_hash: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  locked: Generated<number>;
  ended_at: string | null;
}
export interface PractitionersTable {
  id: string;
  national_id: string;
  registration_no: string;
  first_name: string;
  middle_name: string;
  last_name: string;
  phone: string | null;
  phone_raw: string;
  email: string;
  cadre: 'technologist' | 'technician';
  qualification: string;
  county: string;
  employer: string;
  register_status: 'active' | 'suspended' | 'removed' | 'unknown';
  language: Generated<string>;
  version: Generated<number>;
  updated_at: string;
}
export interface ApplicationsTable {
  id: string;
  application_ref: string;
  practitioner_id: string;
  licence_year: number;
  submitted_at: string;
  cpd_points: number;
  declaration_accepted: number;
  disclosures: string;
  centre_id: string | null;
  centre_text: string;
  state: 'submitted' | 'approved' | 'rejected' | 'returned' | 'paid' | 'licensed';
  revision: Generated<number>;
  decided_by: string | null;
  decided_at: string | null;
  decision_reason: string | null;
  flags: string;
  flag_count: number;
  sort_name: string;
  cadre: 'technologist' | 'technician';
  county: string;
  version: Generated<number>;
  updated_at: string;
  /** The state with paid folded into approved, for the grid's indexes (migration 013); kept by triggers. */
  grid_state: Generated<'submitted' | 'approved' | 'rejected' | 'returned' | 'licensed'>;
}
export interface ApplicationHistoryTable {
  id: Generated<number>;
  application_id: string;
  at: string;
  actor_id: string | null;
  actor_name: string;
  action: string;
  from_state: string | null;
  to_state: string | null;
  reason: string | null;
  revision: number;
  snapshot: string | null;
}
export interface FeesTable {
  cadre: 'technologist' | 'technician';
  licence_year: number;
  amount_cents: number;
  placeholder: number;
  updated_at: string;
}
export interface InvoicesTable {
  id: string;
  application_id: string;
  bill_ref: string;
  amount_due_cents: number;
  amount_paid_cents: Generated<number>;
  state: 'unpaid' | 'partially_paid' | 'paid' | 'overpaid';
  created_at: string;
  version: Generated<number>;
  updated_at: string;
  access_fee_cents: Generated<number>;
  refund_due_cents: Generated<number>;
  refunded_at: string | null;
  refunded_by: string | null;
  paid_at: string | null;
}
export interface PaymentsTable {
  id: string;
  transaction_id: string;
  source: 'ecitizen' | 'mpesa';
  amount_cents: number;
  paid_at: string;
  channel: string;
  payer_phone: string | null;
  payer_phone_raw: string;
  payer_name: string;
  reference_typed: string;
  reference_clean: string;
  other_source_key: string | null;
  source_file: string;
  import_id: string | null;
  state: 'unmatched' | 'matched' | 'ignored' | 'refund_due';
  invoice_id: string | null;
  match_rule: 'exact_reference' | 'check_character' | 'national_id' | 'manual' | null;
  matched_by: string | null;
  matched_at: string | null;
  note: string | null;
  refunded_at: string | null;
  refunded_by: string | null;
  created_at: string;
  version: Generated<number>;
  updated_at: string;
}
export interface LicenceSequencesTable {
  licence_year: number;
  last: number;
}
export interface DispatchBatchesTable {
  id: string;
  batch_no: string;
  centre_id: string;
  state: 'dispatched' | 'received';
  licence_count: number;
  created_at: string;
  created_by: string | null;
  received_at: string | null;
  received_by: string | null;
  version: Generated<number>;
  updated_at: string;
}
export interface LicencesTable {
  id: string;
  licence_no: string;
  licence_year: number;
  sequence: number;
  application_id: string;
  practitioner_id: string;
  centre_id: string;
  state: 'issued' | 'dispatched' | 'at_centre' | 'collected' | 'revoked';
  valid_from: string;
  valid_to: string;
  issued_at: string;
  issued_by: string | null;
  batch_id: string | null;
  dispatched_at: string | null;
  received_at: string | null;
  collected_at: string | null;
  collected_by_clerk: string | null;
  collector_kind: 'holder' | 'proxy' | null;
  collector_name: string | null;
  collector_id_no: string | null;
  collector_note: string | null;
  revoked_at: string | null;
  revoked_by: string | null;
  revoke_reason: string | null;
  state_since: string;
  qr_payload: string;
  version: Generated<number>;
  updated_at: string;
}
export interface LicenceHistoryTable {
  id: Generated<number>;
  licence_id: string;
  at: string;
  actor_id: string | null;
  actor_name: string;
  action: string;
  from_state: string | null;
  to_state: string | null;
  centre_id: string | null;
  reason: string | null;
}
export interface PaymentKeysTable {
  key: string;
  payment_id: string;
}
export interface SmsTemplatesTable {
  event: string;
  language: string;
  body: string;
  updated_at: string;
}
export interface SmsMessagesTable {
  id: string;
  event_key: string;
  created_at: string;
  application_id: string | null;
  phone: string;
  event: string;
  language: string;
  body: string;
  encoding: string;
  parts: number;
  state: 'queued' | 'sending' | 'sent' | 'delivered' | 'failed' | 'uncertain' | 'cancelled';
  attempts: Generated<number>;
  next_attempt_at: string | null;
  sent_at: string | null;
  delivered_at: string | null;
  failure_reason: string | null;
  gateway_message_id: string | null;
  cost: string | null;
  version: Generated<number>;
  updated_at: string;
  claimed_by: string | null;
  claimed_at: string | null;
}
export interface SmsAttemptsTable {
  id: Generated<number>;
  message_id: string;
  started_at: string;
  finished_at: string | null;
  outcome: string;
  status_code: number | null;
  detail: string;
}
export interface SmsQueueTable {
  id: number;
  paused_at: string | null;
  reason: string | null;
  /** Migration 011: the gateway's health. */
  last_success_at: string | null;
  failing_since: string | null;
  failure_reason: string | null;
  unreachable: Generated<number>;
}
/** Migration 011: test SMS sent from Settings (not applicants' messages). */
export interface SmsTestsTable {
  id: string;
  phone: string;
  body: string;
  requested_by: string;
  requested_at: string;
  outcome: string;
  finished_at: string | null;
  gateway_message_id: string | null;
  detail: Generated<string>;
}
export interface SettingsTable {
  key: string;
  value: string;
  updated_at: string;
  updated_by: string | null;
}
export interface AuditEventsTable {
  seq: number;
  id: string;
  at: string;
  actor_id: string | null;
  actor_name: string;
  desk_id: string;
  action: string;
  entity: string;
  entity_id: string | null;
  summary: string;
  before: string | null;
  after: string | null;
  op_id: string | null;
  prev_hash: string;
  hash: string;
}
export interface AppliedOpsTable {
  op_id: string;
  name: string;
  actor_id: string | null;
  at: string;
  result: string | null;
  received_at: string | null;
}
export interface OutboxTable {
  seq: Generated<number>;
  op_id: string;
  name: string;
  input: string;
  actor_id: string | null;
  at: string;
  signature: string | null;
}
export interface ImportsTable {
  id: string;
  kind: string;
  file_name: string;
  file_sha256: string;
  rows: number;
  imported: number;
  at: string;
  actor_name: string;
}
export interface ChangeCaptureTable {
  id: number;
}
export interface RowChangesTable {
  seq: Generated<number>;
  tbl: string;
  pk: string;
}
export interface SyncStateTable {
  id: number;
  server_url: string;
  desk_id: string;
  desk_name: string;
  centre_id: string | null;
  joined_at: string;
  joined_by: string;
  cursor: Generated<number>;
  last_sync_at: string | null;
  last_attempt_at: string | null;
  last_error: string | null;
  refusal: 'withdrawn' | 'expired' | 'unknown' | null;
}
export interface SyncRejectionsTable {
  op_id: string;
  name: string;
  input: string;
  actor_id: string | null;
  at: string;
  reason: string;
  rejected_at: string;
  dismissed_at: string | null;
}
/** Migration 010: the public keys that verify the Board's licences, sent to every desk. */
export interface LicenceKeysTable {
  public_key: string;
  created_at: string;
  version: Generated<number>;
  updated_at: string;
}
export interface SyncDeferredTable {
  name: string;
  type: string;
  sql: string;
}
export interface SyncDesksTable {
  id: string;
  name: string;
  centre_id: string | null;
  joined_by: string;
  joined_at: string;
  last_seen_at: string | null;
  withdrawn_at: string | null;
  withdrawn_by: string | null;
  origin_id: Generated<string>;
}
/** The central service's only (migration 010): a desk's token in use and those offered to it. */
export interface SyncDeskTokensTable {
  token_hash: string;
  desk_id: string;
  issued_at: string;
  in_use: Generated<number>;
}

export interface Database {
  centres: CentresTable;
  users: UsersTable;
  sessions: SessionsTable;
  practitioners: PractitionersTable;
  applications: ApplicationsTable;
  application_history: ApplicationHistoryTable;
  fees: FeesTable;
  invoices: InvoicesTable;
  payments: PaymentsTable;
  payment_keys: PaymentKeysTable;
  licence_sequences: LicenceSequencesTable;
  dispatch_batches: DispatchBatchesTable;
  licences: LicencesTable;
  licence_history: LicenceHistoryTable;
  licence_keys: LicenceKeysTable;
  sms_templates: SmsTemplatesTable;
  sms_messages: SmsMessagesTable;
  sms_attempts: SmsAttemptsTable;
  sms_queue: SmsQueueTable;
  sms_tests: SmsTestsTable;
  settings: SettingsTable;
  audit_events: AuditEventsTable;
  applied_ops: AppliedOpsTable;
  outbox: OutboxTable;
  imports: ImportsTable;
  change_capture: ChangeCaptureTable;
  row_changes: RowChangesTable;
  sync_state: SyncStateTable;
  sync_rejections: SyncRejectionsTable;
  sync_desks: SyncDesksTable;
  sync_desk_tokens: SyncDeskTokensTable;
  sync_deferred: SyncDeferredTable;
}
