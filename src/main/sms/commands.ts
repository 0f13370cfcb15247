import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { SmsRow, SmsState } from '../../shared/contract/sms.js';
import { UserError } from '../../shared/errors.js';
import { unknownPlaceholders } from '../../shared/smsTemplate.js';
import { defineCommand } from '../core/registry.js';
import { templateRow } from './templates.js';

interface MessageRow { id: string; state: SmsState; phone: string; event: string; body: string; failure_reason: string | null }

function message(sqlite: BetterSqlite3.Database, id: string): MessageRow {
  const row = sqlite.prepare('SELECT id, state, phone, event, body, failure_reason FROM sms_messages WHERE id = ?').get(id) as MessageRow | undefined;
  if (!row) throw new UserError('not_found', `No SMS with id ${id}.`);
  return row;
}

export function smsRow(sqlite: BetterSqlite3.Database, id: string): SmsRow {
  return sqlite.prepare(
    `SELECT m.id, m.created_at AS createdAt, m.phone, m.event, m.language, m.body AS text, m.parts, m.state,
            a.application_ref AS applicationRef, m.sent_at AS sentAt, m.failure_reason AS failureReason
     FROM sms_messages m LEFT JOIN applications a ON a.id = m.application_id WHERE m.id = ?`,
  ).get(id) as SmsRow;
}

/** A person decided that a failed or uncertain message should go again (audited). */
export const smsResend = defineCommand('sms.resend', async (_tx, ctx, input) => {
  const m = message(ctx.sqlite, input.id);
  if (m.state !== 'failed' && m.state !== 'uncertain') {
    throw new UserError('invalid_transition', `This SMS is ${m.state}: only a failed or uncertain SMS can be sent again.`);
  }
  ctx.sqlite.prepare(`UPDATE sms_messages SET state = 'queued', next_attempt_at = NULL, version = version + 1, updated_at = ? WHERE id = ?`).run(ctx.now, m.id);
  ctx.audit({ action: 'sms.resend', entity: 'sms', entityId: m.id, summary: `SMS to ${m.phone} (${m.event}) queued again: ${input.reason}`, before: { state: m.state, failureReason: m.failure_reason }, after: { state: 'queued' } });
  ctx.afterCommit(() => ctx.desk.notifySmsQueued());
  return smsRow(ctx.sqlite, m.id);
});

export const smsCancel = defineCommand('sms.cancel', async (_tx, ctx, input) => {
  const m = message(ctx.sqlite, input.id);
  if (m.state !== 'queued') throw new UserError('invalid_transition', `This SMS is ${m.state}: only a queued SMS can be cancelled.`);
  ctx.sqlite.prepare(`UPDATE sms_messages SET state = 'cancelled', failure_reason = ?, version = version + 1, updated_at = ? WHERE id = ?`).run(`Cancelled: ${input.reason}`, ctx.now, m.id);
  ctx.audit({ action: 'sms.cancel', entity: 'sms', entityId: m.id, summary: `SMS to ${m.phone} (${m.event}) cancelled: ${input.reason}`, before: { state: m.state }, after: { state: 'cancelled' } });
  return smsRow(ctx.sqlite, m.id);
});

export const smsResume = defineCommand('sms.resume', async (_tx, ctx) => {
  const q = ctx.sqlite.prepare('SELECT paused_at, reason FROM sms_queue WHERE id = 1').get() as { paused_at: string | null; reason: string | null };
  if (!q.paused_at) return { resumed: false };
  ctx.sqlite.prepare('UPDATE sms_queue SET paused_at = NULL, reason = NULL WHERE id = 1').run();
  ctx.audit({ action: 'sms.resume', entity: 'sms_queue', summary: `SMS sending resumed (was paused: ${q.reason})`, before: q, after: { paused_at: null } });
  ctx.afterCommit(() => ctx.desk.notifySmsQueued());
  return { resumed: true };
});

export const smsTemplateSet = defineCommand('smsTemplate.set', async (_tx, ctx, input) => {
  const unknown = unknownPlaceholders(input.body);
  if (unknown.length) {
    throw new UserError('invalid_input', `Unknown placeholder${unknown.length > 1 ? 's' : ''} ${unknown.map((p) => `{${p}}`).join(', ')}: the template cannot be saved.`, { field: 'body' });
  }
  const before = ctx.sqlite.prepare('SELECT body FROM sms_templates WHERE event = ? AND language = ?').get(input.event, input.language) as { body: string } | undefined;
  ctx.sqlite
    .prepare(
      `INSERT INTO sms_templates (event, language, body, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (event, language) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
    )
    .run(input.event, input.language, input.body, ctx.now);
  ctx.audit({ action: 'smsTemplate.set', entity: 'sms_template', entityId: `${input.event}:${input.language}`, summary: `SMS template ${input.event} (${input.language}) changed`, before: before?.body, after: input.body });
  return templateRow(input.event, input.language, input.body);
});

const DELIVERED = new Set(['Success']);
const FAILED = new Set(['Failed', 'Rejected', 'Expired']);

/** The gateway's delivery report: `delivered`, or `failed` with the network's reason. */
export const smsDeliveryReport = defineCommand('sms.deliveryReport', async (_tx, ctx, input) => {
  const m = ctx.sqlite.prepare('SELECT id, state, phone FROM sms_messages WHERE gateway_message_id = ?').get(input.id) as { id: string; state: SmsState; phone: string } | undefined;
  if (!m) {
    ctx.audit({ action: 'sms.deliveryReport', entity: 'sms', summary: `Delivery report for unknown message ${input.id} (${input.status})` });
    return { unknown: true as const };
  }
  let state: SmsState = m.state;
  if (DELIVERED.has(input.status)) {
    state = 'delivered';
    ctx.sqlite.prepare(`UPDATE sms_messages SET state = 'delivered', delivered_at = ?, version = version + 1, updated_at = ? WHERE id = ?`).run(ctx.now, ctx.now, m.id);
  } else if (FAILED.has(input.status)) {
    state = 'failed';
    const reason = `Not delivered: ${input.status}${input.failureReason ? ` (${input.failureReason})` : ''}`;
    ctx.sqlite.prepare(`UPDATE sms_messages SET state = 'failed', failure_reason = ?, version = version + 1, updated_at = ? WHERE id = ?`).run(reason, ctx.now, m.id);
  }
  ctx.audit({ action: 'sms.deliveryReport', entity: 'sms', entityId: m.id, summary: `Delivery report ${input.status} for SMS to ${m.phone}`, before: { state: m.state }, after: { state } });
  return { state };
});
