import type { SmsEvent, SmsTemplateRow } from '../../shared/contract/sms.js';
import { smsLength } from '../../shared/smsSegments.js';
import { SAMPLE_VALUES } from '../../shared/smsPlaceholders.js';
import { renderSms } from '../../shared/smsTemplate.js';
import { defineQuery } from '../core/registry.js';

export function templateRow(event: SmsEvent, language: 'en' | 'sw', body: string): SmsTemplateRow {
  const sample = renderSms(body, SAMPLE_VALUES);
  return { event, language, body, sample, ...smsLength(sample) };
}

export const smsTemplatesList = defineQuery('smsTemplates.list', async ({ db }) =>
  db
    .all(
      db
        .selectFrom('sms_templates')
        .select(['event', 'language', 'body'])
        .$narrowType<{ event: SmsEvent; language: 'en' | 'sw' }>()
        .orderBy('event')
        .orderBy('language'),
    )
    .map((t) => templateRow(t.event, t.language, t.body)),
);
