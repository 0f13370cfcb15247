import type BetterSqlite3 from 'better-sqlite3';
import type { SmsEvent } from '../../shared/contract/sms.js';
import { normalisePhone } from '../../shared/phone.js';
import { smsLength } from '../../shared/smsSegments.js';
import { renderSms, type SmsValues } from '../../shared/smsTemplate.js';
import { newId } from '../core/ids.js';
import defaults from '../../../resources/sms-templates.json' with { type: 'json' };

export type Language = 'en' | 'sw';

export function templateBody(sqlite: BetterSqlite3.Database, event: SmsEvent, language: Language): string {
  const row = sqlite.prepare('SELECT body FROM sms_templates WHERE event = ? AND language = ?').get(event, language) as
    | { body: string }
    | undefined;
  return row?.body ?? (defaults as Record<Language, Record<SmsEvent, string>>)[language][event];
}

export function composeSms(sqlite: BetterSqlite3.Database, event: SmsEvent, language: Language, values: SmsValues) {
  const text = renderSms(templateBody(sqlite, event, language), values);
  return { text, ...smsLength(text) };
}

/** Seeds the default templates once; admins edit them afterwards. */
export function seedSmsTemplates(sqlite: BetterSqlite3.Database, at: string): void {
  const insert = sqlite.prepare('INSERT OR IGNORE INTO sms_templates (event, language, body, updated_at) VALUES (?, ?, ?, ?)');
  for (const [language, events] of Object.entries(defaults)) {
    for (const [event, body] of Object.entries(events)) insert.run(event, language, body, at);
  }
}

export interface QueueSmsInput {
  event: SmsEvent;
  /** One message per event key, ever: the same decision never queues a second message. */
  eventKey: string;
  applicationId: string | null;
  phone: string | null;
  language: Language;
  values: SmsValues;
  at: string;
}

export type QueueSmsOutcome = { smsId: string; problem?: undefined } | { smsId: null; problem: string };

/** Creates the message inside the caller's transaction; the worker sends it after the commit. */
export function queueSms(sqlite: BetterSqlite3.Database, input: QueueSmsInput): QueueSmsOutcome {
  const phone = normalisePhone(input.phone);
  if (!phone.ok) {
    return { smsId: null, problem: `No SMS queued: '${input.phone ?? ''}' is not a Kenyan mobile number.` };
  }
  const existing = sqlite.prepare('SELECT id FROM sms_messages WHERE event_key = ?').get(input.eventKey) as { id: string } | undefined;
  if (existing) return { smsId: existing.id };
  const message = composeSms(sqlite, input.event, input.language, input.values);
  const id = newId();
  sqlite
    .prepare(
      `INSERT INTO sms_messages (id, event_key, created_at, application_id, phone, event, language, body, encoding, parts, state, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?)`,
    )
    .run(id, input.eventKey, input.at, input.applicationId, phone.msisdn, input.event, input.language, message.text, message.encoding, message.parts, input.at);
  return { smsId: id };
}
