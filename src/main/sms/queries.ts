import { sql } from 'kysely';
import type { SmsDetail } from '../../shared/contract/sms.js';
import { UserError } from '../../shared/errors.js';
import { smsRow, smsRows } from './commands.js';
import { gatewayConfigured } from './config.js';
import { gatewayHealth } from './health.js';
import { normalisePhone } from '../../shared/phone.js';
import { nairobiDayStart } from '../../shared/time.js';
import { defineQuery } from '../core/registry.js';
import { pageOf } from '../db/pages.js';

export const smsList = defineQuery('sms.list', async ({ db }, input) => {
  let q = smsRows(db);
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
      ]),
    );
  }
  return pageOf(db, q, q.orderBy('m.created_at', 'desc').orderBy('m.id', 'desc'), input);
});

export const smsSummary = defineQuery('sms.summary', async (ctx) => {
  const counts = ctx.db.first(
    ctx.db
      .selectFrom('sms_messages')
      .select([
        sql<number | null>`sum(state = 'queued')`.as('queued'),
        sql<number | null>`sum(state = 'failed')`.as('failed'),
        sql<number | null>`sum(state = 'uncertain')`.as('uncertain'),
      ]),
  )!;
  return {
    queued: counts.queued ?? 0,
    failed: counts.failed ?? 0,
    uncertain: counts.uncertain ?? 0,
    gatewayConfigured: gatewayConfigured(ctx.desk),
    sentByServer: ctx.desk.syncEnabled(),
    paused: ctx.db.first(ctx.db.selectFrom('sms_queue').select('reason').where('id', '=', 1).where('paused_at', 'is not', null))?.reason ?? null,
    gateway: gatewayHealth(ctx.db),
    at: ctx.desk.clock().toISOString(),
  };
});

export const smsDetail = defineQuery('sms.detail', async ({ db }, input): Promise<SmsDetail> => {
  const extra = db.first(
    db
      .selectFrom('sms_messages')
      .select(['encoding', 'next_attempt_at as nextAttemptAt', 'delivered_at as deliveredAt', 'gateway_message_id as gatewayMessageId', 'cost'])
      .where('id', '=', input.id),
  );
  if (!extra) throw new UserError('not_found', `No SMS with id ${input.id}.`);
  const attempts = db.all(
    db
      .selectFrom('sms_attempts')
      .select(['started_at as startedAt', 'finished_at as finishedAt', 'outcome', 'status_code as statusCode', 'detail'])
      .where('message_id', '=', input.id)
      .orderBy('id'),
  );
  return { ...smsRow(db, input.id), ...extra, attempts };
});
