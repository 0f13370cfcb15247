import { sql } from 'kysely';
import type { SmsAttempt, SmsDetail, SmsRow } from '../../shared/contract/sms.js';
import { UserError } from '../../shared/errors.js';
import { smsRow } from './commands.js';
import { gatewayConfigured } from './config.js';
import { gatewayHealth } from './health.js';
import { normalisePhone } from '../../shared/phone.js';
import { nairobiDayStart } from '../../shared/time.js';
import { defineQuery } from '../core/registry.js';

export const smsList = defineQuery('sms.list', async (_db, { db }, input) => {
  let q = db.selectFrom('sms_messages as m').leftJoin('applications as a', 'a.id', 'm.application_id');
  if (input.state) q = q.where('m.state', '=', input.state);
  if (input.event) q = q.where('m.event', '=', input.event);
  if (input.from) q = q.where('m.created_at', '>=', nairobiDayStart(input.from));
  if (input.to) q = q.where('m.created_at', '<', nairobiDayStart(input.to, 1));
  if (input.search) {
    const phone = normalisePhone(input.search);
    const term = input.search.trim();
    q = q.where((eb) =>
      eb.or([
        eb('m.phone', '=', phone.ok ? phone.msisdn : term),
        eb('a.application_ref', '=', term.toUpperCase()),
        eb('m.body', 'like', `%${term.replace(/[%_]/g, '')}%`),
      ]));
  }
  const { total } = db.first(q.select((eb) => eb.fn.countAll<number>().as('total')))!;
  const rows = db.all(q
    .select([
      'm.id', 'm.created_at', 'm.phone', 'm.event', 'm.language', 'm.body', 'm.parts', 'm.state',
      'a.application_ref', 'm.sent_at', 'm.failure_reason',
    ])
    .orderBy('m.created_at', 'desc')
    .orderBy('m.id', 'desc')
    .limit(input.pageSize)
    .offset(input.page * input.pageSize));
  return {
    total, page: input.page, pageSize: input.pageSize,
    rows: rows.map((r): SmsRow => ({
      id: r.id, createdAt: r.created_at, phone: r.phone, event: r.event as SmsRow['event'], language: r.language,
      text: r.body, parts: r.parts, state: r.state, applicationRef: r.application_ref, sentAt: r.sent_at,
      failureReason: r.failure_reason,
    })),
  };
});

export const smsSummary = defineQuery('sms.summary', async (_db, ctx) => {
  const counts = ctx.db.first(ctx.db
    .selectFrom('sms_messages')
    .select([
      sql<number | null>`sum(state = 'queued')`.as('queued'),
      sql<number | null>`sum(state = 'failed')`.as('failed'),
      sql<number | null>`sum(state = 'uncertain')`.as('uncertain'),
    ]))!;
  return {
    queued: counts.queued ?? 0,
    failed: counts.failed ?? 0,
    uncertain: counts.uncertain ?? 0,
    gatewayConfigured: gatewayConfigured(ctx.desk),
    sentByServer: ctx.desk.syncEnabled(),
    paused: (ctx.sqlite.prepare('SELECT reason FROM sms_queue WHERE id = 1 AND paused_at IS NOT NULL').get() as { reason: string } | undefined)?.reason ?? null,
    gateway: gatewayHealth(ctx.sqlite),
    at: ctx.desk.clock().toISOString(),
  };
});

export const smsDetail = defineQuery('sms.detail', async (db, { sqlite }, input) =>
  db.connection().execute(async (): Promise<SmsDetail> => {
    const row = sqlite.prepare('SELECT id FROM sms_messages WHERE id = ?').get(input.id);
    if (!row) throw new UserError('not_found', `No SMS with id ${input.id}.`);
    const extra = sqlite
      .prepare('SELECT encoding, next_attempt_at AS nextAttemptAt, delivered_at AS deliveredAt, gateway_message_id AS gatewayMessageId, cost FROM sms_messages WHERE id = ?')
      .get(input.id) as Omit<SmsDetail, keyof SmsRow | 'attempts'>;
    const attempts = sqlite
      .prepare('SELECT started_at AS startedAt, finished_at AS finishedAt, outcome, status_code AS statusCode, detail FROM sms_attempts WHERE message_id = ? ORDER BY id')
      .all(input.id) as SmsAttempt[];
    return { ...smsRow(sqlite, input.id), ...extra, attempts };
  }));
