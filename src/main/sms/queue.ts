import type { SmsEvent } from '../../shared/contract/sms.js';
import { normaliseMsisdn } from '../../shared/phone.js';
import { smsLength } from '../../shared/smsSegments.js';
import { renderSms, type SmsValues } from '../../shared/smsTemplate.js';
import { newId } from '../core/ids.js';
import { sql, statements, type ReadableDB, type WritableDB } from '../db/handles.js';
import defaults from '../../../resources/sms-templates.json' with { type: 'json' };

export type Language = 'en' | 'sw';

const storedTemplate = (event: SmsEvent, language: Language) =>
  statements.selectFrom('sms_templates').select('body').where('event', '=', event).where('language', '=', language);

export function templateBody(db: ReadableDB, event: SmsEvent, language: Language): string {
  const row = db.compileOnce(storedTemplate).first(event, language);
  return row?.body ?? (defaults as Record<Language, Record<SmsEvent, string>>)[language][event];
}

export function composeSms(db: ReadableDB, event: SmsEvent, language: Language, values: SmsValues) {
  const text = renderSms(templateBody(db, event, language), values);
  return { text, ...smsLength(text) };
}

/** Seeds the default templates once; admins edit them afterwards. */
export function seedSmsTemplates(db: WritableDB, at: string): void {
  const rows = Object.entries(defaults).flatMap(([language, events]) =>
    Object.entries(events).map(([event, body]) => ({ event, language, body, updated_at: at })),
  );
  db.run(db.insertInto('sms_templates').orIgnore().values(rows));
}

/**
 * The two statements every queued message runs, compiled once: a settlement queues one message
 * per application it made paid (QUALITY.md: matching plus settling ≤ 5×), each decision one.
 */
const existingSms = (eventKey: string) => statements.selectFrom('sms_messages').select('id').where('event_key', '=', eventKey);
const insertQueued = (
  id: string,
  eventKey: string,
  at: string,
  applicationId: string | null,
  phone: string,
  event: SmsEvent,
  language: Language,
  body: string,
  encoding: string,
  parts: number,
) =>
  statements.insertInto('sms_messages').values({
    id,
    event_key: eventKey,
    created_at: at,
    application_id: applicationId,
    phone,
    event,
    language,
    body,
    encoding,
    parts,
    state: 'queued',
    updated_at: at,
  });

function smsStatements(db: WritableDB) {
  return { existing: db.compileOnce(existingSms), insert: db.compileOnce(insertQueued) };
}

interface NewSms {
  id: string;
  eventKey: string;
  at: string;
  applicationId: string | null;
  phone: string;
  event: SmsEvent;
  language: Language;
  text: string;
  encoding: string;
  parts: number;
}

function insertSms(s: ReturnType<typeof smsStatements>, m: NewSms): void {
  s.insert.run(m.id, m.eventKey, m.at, m.applicationId, m.phone, m.event, m.language, m.text, m.encoding, m.parts);
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
export function queueSms(db: WritableDB, input: QueueSmsInput): QueueSmsOutcome {
  const phone = normaliseMsisdn(input.phone);
  if (!phone.ok) {
    return { smsId: null, problem: `No SMS queued: '${input.phone ?? ''}' is not a Kenyan mobile number.` };
  }
  const s = smsStatements(db);
  const existing = s.existing.first(input.eventKey)?.id;
  if (existing) return { smsId: existing };
  const message = composeSms(db, input.event, input.language, input.values);
  const id = newId();
  insertSms(s, { ...input, id, phone: phone.msisdn, ...message });
  return { smsId: id };
}

/**
 * Queues many messages of one event inside the caller's transaction (e.g. every application a
 * settlement made paid), with the same rules as `queueSms`: no message without a Kenyan mobile
 * number, one message per event key ever. Each language's template is read once; the messages are
 * written by one statement, in the order given (a key already queued keeps its message).
 * Returns how many new messages were queued.
 */
export function queueSmsBatch(db: WritableDB, event: SmsEvent, at: string, inputs: Iterable<Omit<QueueSmsInput, 'event' | 'at'>>): number {
  const bodies = new Map<Language, string>();
  const rows: [string, string, string | null, string, Language, string, string, number][] = [];
  for (const input of inputs) {
    const phone = normaliseMsisdn(input.phone);
    if (!phone.ok) continue;
    let body = bodies.get(input.language);
    if (body === undefined) bodies.set(input.language, (body = templateBody(db, event, input.language)));
    const text = renderSms(body, input.values);
    const { encoding, parts } = smsLength(text);
    rows.push([newId(), input.eventKey, input.applicationId, phone.msisdn, input.language, text, encoding, parts]);
  }
  if (rows.length === 0) return 0;
  return db.run(sql`INSERT INTO sms_messages (id, event_key, created_at, application_id, phone, event, language, body, encoding, parts, state, updated_at)
     SELECT r ->> 0, r ->> 1, ${at}, r ->> 2, r ->> 3, ${event}, r ->> 4, r ->> 5, r ->> 6, r ->> 7, 'queued', ${at}
     FROM (SELECT value AS r FROM json_each(${JSON.stringify(rows)})) WHERE true
     ON CONFLICT (event_key) DO NOTHING`).changes;
}
