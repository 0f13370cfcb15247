import type { SmsEvent, SmsTemplateRow } from '../../shared/contract/sms.js';
import { smsLength } from '../../shared/smsSegments.js';
import { renderSms } from '../../shared/smsTemplate.js';
import { defineQuery } from '../core/registry.js';

/** Typical values, so the editor shows a template's length as an applicant would receive it. */
export const SAMPLE_VALUES = {
  name: 'Wanjiru', ref: 'APP-2026-000123', year: '2026', amount: 'KES 3,000.00', billRef: 'LB7KQ2MX9T',
  reason: 'Please attach your CPD certificates', centre: 'RBTC Nairobi', town: 'Nairobi', licenceNo: 'KMLTTB/2026/000123',
};

export function templateRow(event: SmsEvent, language: 'en' | 'sw', body: string): SmsTemplateRow {
  const sample = renderSms(body, SAMPLE_VALUES);
  return { event, language, body, sample, ...smsLength(sample) };
}

export const smsTemplatesList = defineQuery('smsTemplates.list', async (_db, { sqlite }) =>
  (sqlite.prepare('SELECT event, language, body FROM sms_templates ORDER BY event, language').all() as { event: SmsEvent; language: 'en' | 'sw'; body: string }[])
    .map((t) => templateRow(t.event, t.language, t.body)));
