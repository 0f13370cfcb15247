import { createHash } from 'node:crypto';
import { gatewayNumber } from '../../shared/phone.js';
import { smsLength } from '../../shared/smsSegments.js';
import { SYSTEM_ACTOR } from '../core/actor.js';
import type { Desk } from '../desk.js';
import { interpretResponse, type GatewayConfig, type GatewayOutcome } from '../sms/gateway.js';
import { SmsWorker } from '../sms/worker.js';
import type { Random } from './random.js';
import { run } from './support.js';

export interface DemoSms {
  /** Why nothing was sent, when nothing was. */
  skipped: string | null;
  sent: number;
  /** Refused by the gateway (a blacklisted number). */
  refused: number;
  /** Delivery reports fed back: delivered, not delivered; `awaited` were sent with no report yet. */
  reports: { delivered: number; failed: number; awaited: number };
}

/**
 * What the worker needs to believe a gateway is set up. Only this in-process view of the desk
 * sees them: the stored settings are not touched, and the injected sender never opens a socket.
 */
const DEMO_GATEWAY: Record<string, string> = {
  'sms.baseUrl': 'https://sms-gateway.demo.invalid',
  'sms.username': 'demo',
  'sms.apiKey': 'demo-no-key',
  'sms.senderId': 'KMLTTB',
};
/** Safaricom, Airtel and Telkom by the first digits of the national number. */
const NETWORK_CODES: readonly [RegExp, string][] = [
  [/^254(?:7[358]|10)/, '63903'],
  [/^25477/, '63907'],
];
const SAFARICOM = '63902';

/**
 * The messages of the officer's decisions so far go out through the real SMS worker, with a
 * sender that answers as Africa's Talking would: accepted with a message id and cost, except
 * one number on the network's blacklist (406 UserInBlacklist). Delivery reports then come back
 * through `sms.deliveryReport` as the system actor: delivered for most, one not delivered, a few
 * not in yet. Only the demo's own messages are sent: when anything else is queued (or the
 * latest decisions' messages are, on a second run), nothing is sent.
 */
export async function sendDemoSms(desk: Desk, rng: Random, seed: number, refPrefix: string, keepQueued: ReadonlySet<string>): Promise<DemoSms> {
  const outcome: DemoSms = { skipped: null, sent: 0, refused: 0, reports: { delivered: 0, failed: 0, awaited: 0 } };
  const db = desk.read;
  const waiting = db.all(
    db
      .selectFrom('sms_messages as m')
      .leftJoin('applications as a', 'a.id', 'm.application_id')
      .select(['m.id', 'm.phone', 'm.event', 'a.application_ref', 'm.state'])
      .where('m.state', 'in', ['queued', 'sending'])
      .orderBy('a.application_ref')
      .orderBy('m.event'),
  );
  const foreign = waiting.filter((m) => !m.application_ref?.startsWith(refPrefix)).length;
  const latest = waiting.filter((m) => m.application_ref !== null && keepQueued.has(m.application_ref)).length;
  if (waiting.length === 0) return { ...outcome, skipped: 'nothing was queued' };
  if (foreign > 0) return { ...outcome, skipped: `${foreign} queued message${foreign === 1 ? ' is' : 's are'} not the demo's to send` };
  if (latest > 0) return { ...outcome, skipped: `the latest decisions' ${latest} message${latest === 1 ? ' was' : 's were'} queued already: they stay queued` };

  // One number on the blacklist: a returned applicant with no other message.
  const messagesTo = (phone: string) =>
    db.first(
      db
        .selectFrom('sms_messages')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('phone', '=', phone),
    )!.n;
  const alone = waiting.filter((m) => messagesTo(m.phone) === 1);
  const blacklisted = (alone.find((m) => m.event === 'returned') ?? alone[0])?.phone;

  const accepted = new Set<string>();
  const send = async (_config: GatewayConfig, to: string, message: string): Promise<GatewayOutcome> => {
    const number = gatewayNumber(to);
    const recipient =
      to === blacklisted
        ? { statusCode: 406, number, status: 'UserInBlacklist', cost: '0', messageId: 'None' }
        : {
            statusCode: 101,
            number,
            status: 'Success',
            cost: `KES ${(0.8 * smsLength(message).parts).toFixed(4)}`,
            messageId: `ATXid_${createHash('sha256').update(`${seed}\n${to}\n${message}`).digest('hex').slice(0, 32)}`,
          };
    if (recipient.statusCode === 101) accepted.add(recipient.messageId);
    const total = recipient.statusCode === 101 ? recipient.cost : 'KES 0';
    return interpretResponse(
      201,
      JSON.stringify({ SMSMessageData: { Message: `Sent to ${recipient.statusCode === 101 ? 1 : 0}/1 Total Cost: ${total}`, Recipients: [recipient] } }),
    );
  };
  const view: Desk = { ...desk, setting: (key) => DEMO_GATEWAY[key] ?? desk.setting(key) };
  const drained = await new SmsWorker(view, { send, random: () => 0.5, recordsHealth: false }).drain();
  if (drained.paused) return { ...outcome, skipped: `the SMS queue is paused: ${drained.paused}` };
  outcome.sent = drained.sent;
  outcome.refused = drained.failed;

  // Delivery reports, in a fixed order (the worker's order depends on random ids).
  const sent = db
    .all(
      db
        .selectFrom('sms_messages as m')
        .innerJoin('applications as a', 'a.id', 'm.application_id')
        .select(['m.gateway_message_id as id', 'm.phone', 'm.event', 'a.application_ref'])
        .where('m.state', '=', 'sent')
        .orderBy('a.application_ref')
        .orderBy('m.event'),
    )
    .filter((m): m is typeof m & { id: string } => m.id !== null && accepted.has(m.id));
  const undelivered = (sent.find((m) => m.event === 'rejected') ?? sent[0])?.id;
  for (const m of sent) {
    const networkCode = NETWORK_CODES.find(([re]) => re.test(m.phone))?.[1] ?? SAFARICOM;
    const report = { id: m.id, phoneNumber: gatewayNumber(m.phone), networkCode, retryCount: 0 };
    if (m.id === undelivered) {
      await run(desk, 'sms.deliveryReport', { ...report, status: 'Failed', failureReason: 'DeliveryFailure' }, SYSTEM_ACTOR);
      outcome.reports.failed++;
    } else if (rng.chance(0.9)) {
      await run(desk, 'sms.deliveryReport', { ...report, status: 'Success' }, SYSTEM_ACTOR);
      outcome.reports.delivered++;
    } else {
      outcome.reports.awaited++;
    }
  }
  return outcome;
}
