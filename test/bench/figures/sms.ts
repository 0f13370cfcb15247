/**
 * SMS figures (QUALITY.md sets no budget for them; the approve budget includes queueing one):
 *
 * - What queueing the SMS costs inside dispatch: `application.approve` of applicants with a
 *   phone (the SMS is queued) against applicants whose phone is missing (queueSms finds no valid
 *   number and queues nothing), interleaved. Everything else in the command is the same: the
 *   invoice, the history, the flags refresh, the audit event, the commit. Applicants without a
 *   phone carry the "phone invalid" review flag, so both sides are approved with the same reason.
 * - Messages sent per second by the real SmsWorker against the gateway simulator, running in a
 *   child process (as the gateway is elsewhere); the worker sends one message at a time, each
 *   claimed and recorded in its own committed transaction.
 */
import type { Actor } from '../../../src/main/core/actor.js';
import { SYSTEM_ACTOR } from '../../../src/main/core/actor.js';
import type { Desk } from '../../../src/main/desk.js';
import { queueSms } from '../../../src/main/sms/queue.js';
import { SmsWorker } from '../../../src/main/sms/worker.js';
import type { Rng } from '../prng.js';
import { formatMs, formatRate, infoLine, median, percentile, timeIt, type Figure } from '../stats.js';
import { childScript, startChild } from './child.js';

const REASON = 'Checked with the applicant: approved';

export async function benchSmsOverhead(desk: Desk, officer: Actor, rng: Rng, say: (l?: string) => void, pairs: number): Promise<Figure> {
  const ids = (sql: string) => rng.shuffle(desk.sqlite.prepare(sql).pluck().all() as string[]);
  const withPhone = ids("SELECT id FROM applications WHERE state = 'submitted' AND flag_count = 0");
  const noPhone = ids(`SELECT a.id FROM applications a JOIN practitioners p ON p.id = a.practitioner_id
                       WHERE a.state = 'submitted' AND p.phone IS NULL`);
  const n = Math.min(pairs, withPhone.length, noPhone.length);
  const a = { ms: [] as number[], cpu: [] as number[], sms: 0 };
  const b = { ms: [] as number[], cpu: [] as number[], sms: 0 };
  const approve = async (id: string, side: typeof a) => {
    const t = await timeIt(() => desk.dispatch('application.approve', { applicationId: id, reason: REASON }, officer));
    if (!t.value.ok) throw new Error(`approve ${id} failed: ${t.value.error.message}`);
    side.ms.push(t.ms);
    side.cpu.push(t.cpuMs);
    if (t.value.value.smsId) side.sms++;
  };
  for (let i = 0; i < n; i++) {
    if (i % 2 === 0) {
      await approve(withPhone[i]!, a);
      await approve(noPhone[i]!, b);
    } else {
      await approve(noPhone[i]!, b);
      await approve(withPhone[i]!, a);
    }
  }
  if (a.sms !== n || b.sms !== 0) throw new Error(`expected ${n} SMS queued with a phone and none without, got ${a.sms} and ${b.sms}`);
  const dMs = median(a.ms) - median(b.ms);
  const dCpu = median(a.cpu) - median(b.cpu);
  say(
    `  approve with / without the SMS queued: ${n} pairs, interleaved; with phone median ${formatMs(median(a.ms))} (CPU ${formatMs(median(a.cpu))}), ` +
      `p95 ${formatMs(percentile(a.ms, 95))}; phone missing median ${formatMs(median(b.ms))} (CPU ${formatMs(median(b.cpu))}), p95 ${formatMs(percentile(b.ms, 95))}`,
  );
  return infoLine(
    'SMS queued inside dispatch (approve with vs. without the SMS) median difference',
    `${dMs >= 0 ? '+' : ''}${formatMs(dMs)}`,
    `CPU-time median difference ${dCpu >= 0 ? '+' : ''}${formatMs(dCpu)}; ${n} pairs: with SMS ${formatMs(median(a.ms))} (CPU ${formatMs(median(a.cpu))}), ` +
      `without ${formatMs(median(b.ms))} (CPU ${formatMs(median(b.cpu))}); part of the approve budget (≤ 5 ms median)`,
  );
}

export async function benchSmsWorker(desk: Desk, rng: Rng, say: (l?: string) => void, messages: number): Promise<Figure> {
  const gateway = await startChild<{ url: string }>(childScript('smsGatewayChild.ts'), []);
  let stopped = false;
  const stop = async () => {
    if (!stopped) {
      stopped = true;
      return gateway.stop();
    }
    return '{}';
  };
  try {
    const settings = { 'sms.baseUrl': gateway.ready.url, 'sms.username': 'kmlttb', 'sms.apiKey': 'atsk_bench_0123456789', 'sms.senderId': 'KMLTTB' };
    for (const [key, value] of Object.entries(settings)) {
      const r = await desk.dispatch('setting.set', { key, value }, SYSTEM_ACTOR);
      if (!r.ok) throw new Error(`setting.set ${key}: ${r.error.message}`);
    }
    // The decisions above queued some; more as decisions queue them (one transaction here, to save time).
    const queued = () => desk.sqlite.prepare("SELECT count(*) FROM sms_messages WHERE state = 'queued'").pluck().get() as number;
    const already = queued();
    const apps = desk.sqlite
      .prepare(
        `
      SELECT a.id, a.application_ref, a.licence_year, p.first_name, p.phone, p.language, c.name AS centre, c.town
      FROM applications a JOIN practitioners p ON p.id = a.practitioner_id LEFT JOIN centres c ON c.id = a.centre_id
      WHERE a.state = 'licensed' AND p.phone IS NOT NULL ORDER BY a.rowid DESC LIMIT ?`,
      )
      .all(Math.max(0, messages - already) * 2) as {
      id: string;
      application_ref: string;
      licence_year: number;
      first_name: string;
      phone: string;
      language: 'en' | 'sw';
      centre: string | null;
      town: string | null;
    }[];
    rng.shuffle(apps);
    const now = new Date().toISOString();
    desk.sqlite.transaction(() => {
      for (const app of apps.slice(0, Math.max(0, messages - already))) {
        const r = queueSms(desk.write, {
          event: 'at_centre',
          eventKey: `bench-sms:${app.id}`,
          applicationId: app.id,
          phone: app.phone,
          language: app.language,
          at: now,
          values: {
            name: app.first_name,
            ref: app.application_ref,
            year: String(app.licence_year),
            centre: app.centre ?? '',
            town: app.town ?? '',
            licenceNo: `KMLTTB/${app.licence_year}/${String(rng.int(1, 99_999)).padStart(5, '0')}`,
          },
        });
        if (!r.smsId) throw new Error(r.problem);
      }
    })();
    // A reused data set may hold many more (a statement's import queues an SMS per paid application): hold the excess back.
    const excess = queued() - messages;
    if (excess > 0) {
      desk.sqlite.exec(`CREATE TEMP TABLE bench_sms_held AS SELECT id, next_attempt_at FROM sms_messages
                        WHERE state = 'queued' ORDER BY created_at DESC, id DESC LIMIT ${excess}`);
      desk.sqlite.exec(`UPDATE sms_messages SET next_attempt_at = '9999-12-31T00:00:00.000Z' WHERE id IN (SELECT id FROM bench_sms_held)`);
    }
    const total = queued() - Math.max(0, excess);
    const worker = new SmsWorker(desk, { random: () => 0.5 });
    const t = await timeIt(() => worker.drain());
    const r = t.value;
    const left = queued() - Math.max(0, excess);
    if (excess > 0) {
      desk.sqlite.exec(`UPDATE sms_messages SET next_attempt_at = (SELECT h.next_attempt_at FROM bench_sms_held h WHERE h.id = sms_messages.id)
                        WHERE id IN (SELECT id FROM bench_sms_held); DROP TABLE bench_sms_held`);
    }
    const added = Math.max(0, messages - already);
    say(
      `  SMS worker: ${total.toLocaleString('en')} to send (${already.toLocaleString('en')} queued by the decisions above${added ? `, ${added.toLocaleString('en')} added` : ''}` +
        `${excess > 0 ? `, ${excess.toLocaleString('en')} held back` : ''}), drained in ${formatMs(t.ms)} (CPU ${formatMs(t.cpuMs)} in this process, the gateway apart): ` +
        `sent ${r.sent}, failed ${r.failed}, retrying ${r.retrying}, uncertain ${r.uncertain}, left queued ${left}${r.paused ? `, PAUSED: ${r.paused}` : ''}${r.notConfigured ? ', NOT CONFIGURED' : ''}`,
    );
    if (r.sent === 0) throw new Error('The SMS worker sent nothing');
    const answered = (JSON.parse(await stop()) as { requests: number }).requests;
    if (answered !== r.sent) throw new Error(`The gateway answered ${answered} requests for ${r.sent} messages sent`);
    return infoLine(
      `SMS sent per second by the SmsWorker (${r.sent.toLocaleString('en')} messages, local gateway simulator)`,
      formatRate(r.sent / (t.ms / 1000)),
      `${formatMs(t.ms / r.sent)} per message, CPU ${formatMs(t.cpuMs / r.sent)} per message; each message: claim (commit), HTTP request, record (commit); synchronous=FULL`,
    );
  } finally {
    await stop();
  }
}
