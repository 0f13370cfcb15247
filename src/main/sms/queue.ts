import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { SmsEvent } from '../../shared/contract/sms.js';
import { normalisePhone } from '../../shared/phone.js';
import { smsLength } from '../../shared/smsSegments.js';
import { renderSms, type SmsValues } from '../../shared/smsTemplate.js';
import { newId } from '../core/ids.js';
import defaults from '../../../resources/sms-templates.json' with { type: 'json' };

export type Language = 'en' | 'sw';

/**
 * The statements queueing needs, prepared once per connection: queueing runs inside other
 * commands (approve, settle, dispatch), many times per command when a batch settles.
 */
interface QueueStatements {
  template: BetterSqlite3.Statement;
  existing: BetterSqlite3.Statement;
  insert: BetterSqlite3.Statement;
}
const prepared = new WeakMap<BetterSqlite3.Database, QueueStatements>();

function statements(sqlite: BetterSqlite3.Database): QueueStatements {
  let s = prepared.get(sqlite);
  if (!s) {
    s = {
      template: sqlite.prepare('SELECT body FROM sms_templates WHERE event = ? AND language = ?').pluck(),
      existing: sqlite.prepare('SELECT id FROM sms_messages WHERE event_key = ?').pluck(),
      insert: sqlite.prepare(
        `INSERT INTO sms_messages (id, event_key, created_at, application_id, phone, event, language, body, encoding, parts, state, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?)`,
      ),
    };
    prepared.set(sqlite, s);
  }
  return s;
}

export function templateBody(sqlite: BetterSqlite3.Database, event: SmsEvent, language: Language): string {
  const body = statements(sqlite).template.get(event, language) as string | undefined;
  return body ?? (defaults as Record<Language, Record<SmsEvent, string>>)[language][event];
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
  const s = statements(sqlite);
  const existing = s.existing.get(input.eventKey) as string | undefined;
  if (existing) return { smsId: existing };
  const message = composeSms(sqlite, input.event, input.language, input.values);
  const id = newId();
  s.insert.run(id, input.eventKey, input.at, input.applicationId, phone.msisdn, input.event, input.language, message.text, message.encoding, message.parts, input.at);
  return { smsId: id };
}

/**
 * Queues many messages of one event inside the caller's transaction (e.g. every application a
 * settlement made paid), with the same rules as `queueSms`: no message without a Kenyan mobile
 * number, one message per event key ever. Each language's template is read once per batch.
 * Returns a function to call per message; it answers whether a new message was queued.
 */
export function smsBatch(sqlite: BetterSqlite3.Database, event: SmsEvent, at: string): (input: Omit<QueueSmsInput, 'event' | 'at'>) => boolean {
  const s = statements(sqlite);
  const bodies = new Map<Language, string>();
  return (input) => {
    const phone = normalisePhone(input.phone);
    if (!phone.ok || s.existing.get(input.eventKey) !== undefined) return false;
    let body = bodies.get(input.language);
    if (body === undefined) bodies.set(input.language, (body = templateBody(sqlite, event, input.language)));
    const text = renderSms(body, input.values);
    const length = smsLength(text);
    s.insert.run(newId(), input.eventKey, at, input.applicationId, phone.msisdn, event, input.language, text, length.encoding, length.parts, at);
    return true;
  };
}
