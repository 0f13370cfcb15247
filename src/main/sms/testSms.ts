import type { SmsTestResult } from '../../shared/contract/sms.js';
import { UserError } from '../../shared/errors.js';
import { displayPhone, normalisePhone } from '../../shared/phone.js';
import { formatNairobi } from '../../shared/time.js';
import type { DeskServices } from '../core/deskServices.js';
import { newId } from '../core/ids.js';
import { betweenTransactions } from '../db/betweenTransactions.js';
import { defineCommand } from '../core/registry.js';
import { gatewaySetup } from './config.js';
import { sendSms, type GatewayOutcome } from './gateway.js';
import { recordGatewayHealth } from './health.js';

/** A short GSM-7 text that says what it is, so whoever receives it knows to ignore it. */
function testText(deskName: string, sender: string, at: string): string {
  return `KMLTTB Licensing Desk: test SMS from ${deskName}, sent by ${sender} on ${formatNairobi(at)}. No reply is needed.`;
}

function resultOf(id: string, phone: string, outcome: GatewayOutcome): SmsTestResult {
  switch (outcome.kind) {
    case 'sent':
      return { id, phone, outcome: 'sent', gatewayMessageId: outcome.messageId, detail: `${outcome.status} (${outcome.statusCode}), cost ${outcome.cost}` };
    case 'uncertain':
      return { id, phone, outcome: 'uncertain', gatewayMessageId: null, detail: `${outcome.reason}: it may or may not have been sent.` };
    default:
      return { id, phone, outcome: 'failed', gatewayMessageId: null, detail: outcome.reason };
  }
}

/**
 * After the commit: the request goes through the real gateway client, at once (never through the
 * queue: it is not an applicant's message, and the answer is what the administrator waits for).
 * The outcome is written to the test's row, and tells the header how the gateway is doing; when
 * the gateway works again, the worker is woken for the messages that waited for it.
 */
async function send(requested: SmsTestResult, desk: DeskServices): Promise<SmsTestResult> {
  const { body } = desk.read.first(desk.read.selectFrom('sms_tests').select('body').where('id', '=', requested.id))!;
  const setup = gatewaySetup(desk);
  const outcome: GatewayOutcome = setup.ok ? await sendSms(setup.config, requested.phone, body) : { kind: 'failed', reason: setup.reason, at: 'gateway' };
  const result = resultOf(requested.id, requested.phone, outcome);
  const recovered = await betweenTransactions(desk, () =>
    desk.write.transaction(() => {
      const { write: db } = desk;
      db.run(
        db
          .updateTable('sms_tests')
          .set({ outcome: result.outcome, finished_at: desk.clock().toISOString(), gateway_message_id: result.gatewayMessageId, detail: result.detail })
          .where('id', '=', result.id),
      );
      return setup.ok && recordGatewayHealth(db, outcome, desk.clock().toISOString()).recovered;
    }),
  );
  if (recovered) desk.notifySmsQueued();
  return result;
}

/**
 * Sends a test SMS to a number an administrator types, through this desk's gateway settings.
 * Audited; recorded in `sms_tests`, never as an applicant's message (no application, not in the
 * SMS list or reports, never synced).
 */
export const smsSendTest = defineCommand(
  'sms.sendTest',
  async (ctx, input) => {
    // This desk's own gateway is tested: the op never leaves the desk, and is refused from another.
    ctx.deskLocal();
    if (ctx.desk.syncEnabled()) {
      throw new UserError(
        'conflict',
        'This desk syncs with a central service, which sends the SMS with its own gateway settings: a test SMS from this desk would not show whether applicants get their messages.',
      );
    }
    const phone = normalisePhone(input.phone);
    if (!phone.ok || !phone.mobile) {
      const why = !phone.ok && phone.reason === 'mangled' ? 'it looks like a spreadsheet number that has lost digits' : 'it is not a Kenyan mobile number';
      throw new UserError('invalid_input', `'${input.phone}' cannot be sent to: ${why}. Type it like 0712 345 678.`, { field: 'phone' });
    }
    const setup = gatewaySetup(ctx.desk);
    if (!setup.ok) throw new UserError('not_configured', setup.reason);
    const { baseUrl, username, senderId } = setup.config;
    const id = newId();
    ctx.db.run(
      ctx.db.insertInto('sms_tests').values({
        id,
        phone: phone.msisdn,
        body: testText(ctx.desk.setting('desk.name'), ctx.actor.fullName, ctx.now),
        requested_by: ctx.actor.username,
        requested_at: ctx.now,
        outcome: 'sending',
      }),
    );
    ctx.audit({
      action: 'sms.sendTest',
      entity: 'sms_test',
      entityId: id,
      summary: `Test SMS to ${displayPhone(phone.msisdn)} through ${baseUrl} as ${username}`,
      after: { phone: phone.msisdn, baseUrl, username, senderId },
    });
    return { id, phone: phone.msisdn, outcome: 'sending', gatewayMessageId: null, detail: '' } satisfies SmsTestResult;
  },
  { complete: send },
);
