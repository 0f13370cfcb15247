import type { SmsEvent, SmsRow, SmsState } from '../../shared/contract/sms.js';
import { UserError } from '../../shared/errors.js';
import { unknownPlaceholders } from '../../shared/smsTemplate.js';
import { defineCommand } from '../core/registry.js';
import type { ReadableDB, WritableDB } from '../db/handles.js';
import { found } from '../db/found.js';
import { templateRow } from './templates.js';

function message(db: ReadableDB, id: string) {
  return found(
    db.first(db.selectFrom('sms_messages').select(['id', 'state', 'phone', 'event', 'body', 'failure_reason']).where('id', '=', id)),
    `SMS with id ${id}`,
  );
}

/** The messages of the SMS list, with their application's reference. */
export function smsRows(db: ReadableDB) {
  return db
    .selectFrom('sms_messages as m')
    .leftJoin('applications as a', 'a.id', 'm.application_id')
    .select([
      'm.id',
      'm.created_at as createdAt',
      'm.phone',
      'm.event',
      'm.language',
      'm.body as text',
      'm.parts',
      'm.state',
      'a.application_ref as applicationRef',
      'm.sent_at as sentAt',
      'm.failure_reason as failureReason',
    ])
    .$narrowType<{ event: SmsEvent }>();
}

export function smsRow(db: ReadableDB, id: string): SmsRow {
  return db.first(smsRows(db).where('m.id', '=', id))!;
}

/** Changes a message's state (and the fields that go with it), as a person or a report decided. */
function updateMessage(
  db: WritableDB,
  id: string,
  now: string,
  fields: { state: SmsState; failure_reason?: string; next_attempt_at?: null; delivered_at?: string },
): void {
  db.run(
    db
      .updateTable('sms_messages')
      .set((eb) => ({ ...fields, version: eb('version', '+', 1), updated_at: now }))
      .where('id', '=', id),
  );
}

/** A person decided that a failed or uncertain message should go again (audited). */
export const smsResend = defineCommand('sms.resend', async (ctx, input) => {
  const m = message(ctx.db, input.id);
  if (m.state !== 'failed' && m.state !== 'uncertain') {
    throw new UserError('invalid_transition', `This SMS is ${m.state}: only a failed or uncertain SMS can be sent again.`);
  }
  updateMessage(ctx.db, m.id, ctx.now, { state: 'queued', next_attempt_at: null });
  ctx.audit({
    action: 'sms.resend',
    entity: 'sms',
    entityId: m.id,
    summary: `SMS to ${m.phone} (${m.event}) queued again: ${input.reason}`,
    before: { state: m.state, failureReason: m.failure_reason },
    after: { state: 'queued' },
  });
  ctx.afterCommit(() => ctx.desk.notifySmsQueued());
  return smsRow(ctx.db, m.id);
});

export const smsCancel = defineCommand('sms.cancel', async (ctx, input) => {
  const m = message(ctx.db, input.id);
  if (m.state !== 'queued') throw new UserError('invalid_transition', `This SMS is ${m.state}: only a queued SMS can be cancelled.`);
  updateMessage(ctx.db, m.id, ctx.now, { state: 'cancelled', failure_reason: `Cancelled: ${input.reason}` });
  ctx.audit({
    action: 'sms.cancel',
    entity: 'sms',
    entityId: m.id,
    summary: `SMS to ${m.phone} (${m.event}) cancelled: ${input.reason}`,
    before: { state: m.state },
    after: { state: 'cancelled' },
  });
  return smsRow(ctx.db, m.id);
});

export const smsResume = defineCommand('sms.resume', async (ctx) => {
  const q = ctx.db.first(ctx.db.selectFrom('sms_queue').select(['paused_at', 'reason']).where('id', '=', 1))!;
  if (!q.paused_at) return { resumed: false };
  ctx.db.run(ctx.db.updateTable('sms_queue').set({ paused_at: null, reason: null }).where('id', '=', 1));
  ctx.audit({ action: 'sms.resume', entity: 'sms_queue', summary: `SMS sending resumed (was paused: ${q.reason})`, before: q, after: { paused_at: null } });
  ctx.afterCommit(() => ctx.desk.notifySmsQueued());
  return { resumed: true };
});

export const smsTemplateSet = defineCommand('smsTemplate.set', async (ctx, input) => {
  const unknown = unknownPlaceholders(input.body);
  if (unknown.length) {
    throw new UserError(
      'invalid_input',
      `Unknown placeholder${unknown.length > 1 ? 's' : ''} ${unknown.map((p) => `{${p}}`).join(', ')}: the template cannot be saved.`,
      { field: 'body' },
    );
  }
  const { db } = ctx;
  const before = db.first(db.selectFrom('sms_templates').select('body').where('event', '=', input.event).where('language', '=', input.language));
  // An update or an insert, never an upsert: SQLite runs the change log's triggers under an upsert's
  // conflict rule, so their INSERT OR REPLACE fails on a row already logged (a desk that syncs, the service).
  const values = { body: input.body, updated_at: ctx.now };
  if (before) db.run(db.updateTable('sms_templates').set(values).where('event', '=', input.event).where('language', '=', input.language));
  else db.run(db.insertInto('sms_templates').values({ event: input.event, language: input.language, ...values }));
  ctx.audit({
    action: 'smsTemplate.set',
    entity: 'sms_template',
    entityId: `${input.event}:${input.language}`,
    summary: `SMS template ${input.event} (${input.language}) changed`,
    before: before?.body,
    after: input.body,
  });
  return templateRow(input.event, input.language, input.body);
});

const DELIVERED = new Set(['Success']);
const FAILED = new Set(['Failed', 'Rejected', 'Expired']);

/** The gateway's delivery report: `delivered`, or `failed` with the network's reason. */
export const smsDeliveryReport = defineCommand('sms.deliveryReport', async (ctx, input) => {
  const m = ctx.db.first(ctx.db.selectFrom('sms_messages').select(['id', 'state', 'phone']).where('gateway_message_id', '=', input.id));
  if (!m) {
    ctx.audit({ action: 'sms.deliveryReport', entity: 'sms', summary: `Delivery report for unknown message ${input.id} (${input.status})` });
    return { unknown: true as const };
  }
  let state: SmsState = m.state;
  if (DELIVERED.has(input.status)) {
    state = 'delivered';
    updateMessage(ctx.db, m.id, ctx.now, { state, delivered_at: ctx.now });
  } else if (FAILED.has(input.status)) {
    state = 'failed';
    const reason = `Not delivered: ${input.status}${input.failureReason ? ` (${input.failureReason})` : ''}`;
    updateMessage(ctx.db, m.id, ctx.now, { state, failure_reason: reason });
  }
  ctx.audit({
    action: 'sms.deliveryReport',
    entity: 'sms',
    entityId: m.id,
    summary: `Delivery report ${input.status} for SMS to ${m.phone}`,
    before: { state: m.state },
    after: { state },
  });
  return { state };
});
