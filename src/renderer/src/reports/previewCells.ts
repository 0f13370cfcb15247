import type { PreviewValue } from '../../../shared/contract/insight.js';
import { formatKes } from '../../../shared/money.js';
import { displayPhone } from '../../../shared/phone.js';
import { formatNairobi } from '../../../shared/time.js';
import { LICENCE_STATE_LABEL } from '../licences/labels.js';
import { INVOICE_STATE_LABEL, MATCH_RULE_LABEL, PAYMENT_STATE_LABEL } from '../payments/labels.js';
import { CADRE_LABEL, STATE_LABEL } from '../shell/labels.js';
import { SMS_EVENT_LABEL, SMS_LANGUAGE_LABEL, SMS_STATE_LABEL } from '../sms/labels.js';

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
