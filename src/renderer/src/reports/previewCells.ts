import type { PreviewValue } from '../../../shared/contract/insight.js';
import { formatKes } from '../../../shared/money.js';
import { displayPhone } from '../../../shared/phone.js';
import { formatNairobi } from '../../../shared/time.js';
import { LICENCE_STATE_LABEL } from '../licences/labels.js';
import { INVOICE_STATE_LABEL, MATCH_RULE_LABEL, PAYMENT_STATE_LABEL } from '../payments/labels.js';
import { CADRE_LABEL, STATE_LABEL } from '../shell/labels.js';
import { SMS_EVENT_LABEL, SMS_LANGUAGE_LABEL, SMS_STATE_LABEL } from '../sms/labels.js';

/** Column titles as the screens word them; the export files keep the keys (INTERFACES.md). */
const TITLES: Record<string, string> = {
  application_ref: 'Application',
  submitted_at: 'Submitted',
  national_id: 'National ID',
  registration_no: 'Registration number',
  full_name: 'Name',
  phone: 'Phone',
  cadre: 'Cadre',
  licence_year: 'Licence year',
  cpd_points: 'CPD points',
  collection_centre: 'Collection centre',
  status: 'State',
  decided_by: 'Decided by',
  decided_at: 'Decided',
  reason: 'Reason',
  bill_ref: 'Bill reference',
  amount_due: 'Amount due',
  amount_paid: 'Amount paid',
  balance: 'Balance',
  licence_no: 'Licence number',
  transaction_id: 'Transaction',
  paid_at: 'Paid',
  amount: 'Amount',
  channel: 'Channel',
  reference_typed: 'Reference typed',
  match_status: 'Match',
  matched_bill_ref: 'Matched bill reference',
  suggested_bill_ref: 'Suggested bill reference',
  match_rule: 'Rule',
  matched_by: 'Matched by',
  note: 'Note',
  centre: 'Centre',
  issued_at: 'Issued',
  dispatched_at: 'Dispatched',
  received_at: 'Received',
  collected_at: 'Collected',
  collected_by: 'Collected by',
  collector_id_no: 'Collector ID number',
  clerk: 'Clerk',
  created_at: 'Created',
  event: 'Event',
  language: 'Language',
  parts: 'Parts',
  sent_at: 'Sent',
  delivered_at: 'Delivered',
  failure_reason: 'Failure reason',
  issued: 'Issued',
  dispatched: 'Dispatched',
  at_centre: 'At the centre',
  collected: 'Collected',
  awaiting_over_30_days: 'Waiting over 30 days',
  officer: 'Officer',
  month: 'Month',
  decided: 'Decided',
  approved: 'Approved',
  rejected: 'Rejected',
  returned: 'Returned',
  median_hours_to_decision: 'Median hours to decision',
  seq: 'Number',
  at: 'When',
  actor: 'Actor',
  desk: 'Desk',
  action: 'Action',
  entity: 'Record',
  entity_id: 'Record ID',
  summary: 'Summary',
  hash: 'Hash',
};

/** A report column's title on screen: "Bill reference" for `bill_ref`; an unknown key reads "Some key". */
export function previewTitle(key: string): string {
  const words = key.replaceAll('_', ' ');
  return TITLES[key] ?? words.charAt(0).toUpperCase() + words.slice(1);
}

/** The labels of a report's state column, by report. */
const STATES: Record<string, Record<string, string>> = {
  applications: STATE_LABEL,
  invoices: INVOICE_STATE_LABEL,
  licences: LICENCE_STATE_LABEL,
  sms: SMS_STATE_LABEL,
};

/** Coded values the screens show by their label, by column. */
const LABELS: Record<string, Record<string, string>> = {
  cadre: CADRE_LABEL,
  match_status: PAYMENT_STATE_LABEL,
  match_rule: MATCH_RULE_LABEL,
  event: SMS_EVENT_LABEL,
  language: SMS_LANGUAGE_LABEL,
};

/** A report value as the screens show it: KES amounts, Nairobi times, local phones, states by their label. */
export function previewCell(report: string, column: { key: string; kind: string }, value: PreviewValue): string {
  if (value === null || value === '') return '';
  switch (column.kind) {
    case 'money':
      return formatKes(Number(value));
    case 'datetime':
      return formatNairobi(String(value));
    case 'int':
      return Number(value).toLocaleString('en-KE');
  }
  const text = String(value);
  if (column.key === 'phone') return displayPhone(text);
  const labels = column.key === 'status' ? STATES[report] : LABELS[column.key];
  return labels?.[text] ?? text;
}
