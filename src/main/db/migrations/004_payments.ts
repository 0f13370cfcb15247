/** Frozen once shipped. Payments as received, their reconciliation, and invoice settlement. */
export const name = 'payments';

export const sql = /* sql */ `
CREATE TABLE payments (
  id TEXT PRIMARY KEY,
  -- The natural key: eCitizen invoice number or M-Pesa receipt. A payment seen twice is stored once.
  transaction_id TEXT NOT NULL UNIQUE,
  source TEXT NOT NULL CHECK (source IN ('ecitizen', 'mpesa')),
  amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
  paid_at TEXT NOT NULL,
  channel TEXT NOT NULL DEFAULT '',
  payer_phone TEXT,
  payer_phone_raw TEXT NOT NULL DEFAULT '',
  payer_name TEXT NOT NULL DEFAULT '',
  reference_typed TEXT NOT NULL DEFAULT '',
  -- The reference upper-cased without spaces or separators, as matching compares it.
  reference_clean TEXT NOT NULL DEFAULT '',
  -- A statement line's A/C No., which may be the eCitizen invoice number of the same payment.
  other_source_key TEXT,
  source_file TEXT NOT NULL DEFAULT '',
  import_id TEXT,
  state TEXT NOT NULL DEFAULT 'unmatched' CHECK (state IN ('unmatched', 'matched', 'ignored', 'refund_due')),
  invoice_id TEXT REFERENCES invoices(id),
  match_rule TEXT,
  matched_by TEXT,
  matched_at TEXT,
  note TEXT,
  refunded_at TEXT,
  refunded_by TEXT,
  created_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);
CREATE INDEX payments_state_paid ON payments(state, paid_at);
CREATE INDEX payments_paid_at ON payments(paid_at);
CREATE INDEX payments_reference_clean ON payments(reference_clean);
CREATE INDEX payments_other_source_key ON payments(other_source_key);
CREATE INDEX payments_invoice ON payments(invoice_id);

-- Every key a payment is known by, from every source (its own transaction id, and the other
-- source's key once the same payment arrives from there too).
CREATE TABLE payment_keys (
  key TEXT PRIMARY KEY,
  payment_id TEXT NOT NULL REFERENCES payments(id)
);

ALTER TABLE invoices ADD COLUMN access_fee_cents INTEGER NOT NULL DEFAULT 0;
ALTER TABLE invoices ADD COLUMN refund_due_cents INTEGER NOT NULL DEFAULT 0;
ALTER TABLE invoices ADD COLUMN refunded_at TEXT;
ALTER TABLE invoices ADD COLUMN refunded_by TEXT;
ALTER TABLE invoices ADD COLUMN paid_at TEXT;
CREATE INDEX invoices_state ON invoices(state);
`;
