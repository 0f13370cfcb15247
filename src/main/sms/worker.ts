import { sql, type UpdateObject } from 'kysely';
import type { SmsState } from '../../shared/contract/sms.js';
import { isKenyanMobile, notMobileReason } from '../../shared/phone.js';
import { Backoff, type BackoffOptions } from '../core/backoff.js';
import { changeFeed } from '../core/changes.js';
import { newId } from '../core/ids.js';
import type { Desk } from '../core/deskApi.js';
import { betweenTransactions } from '../db/betweenTransactions.js';
import type { WritableDB } from '../db/handles.js';
import type { Database } from '../db/schema.js';
import { gatewaySetup } from './config.js';
import { sendSms, type GatewayConfig, type GatewayOutcome } from './gateway.js';
import { recordGatewayHealth } from './health.js';

export interface SmsWorkerOptions {
  send?: (config: GatewayConfig, to: string, message: string) => Promise<GatewayOutcome>;
  random?: () => number;
  /** Attempts before a message that keeps meeting retryable errors is marked failed. */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** How often the worker looks for due messages besides being woken by new ones. */
  pollMs?: number;
  /**
   * false: what `send` answers says nothing about the configured gateway (the demo's stand-in
   * sender), so the gateway's health is left as it was.
   */
  recordsHealth?: boolean;
  /** After a drain that failed (a locked database, say): when the started worker tries again. */
  retry?: BackoffOptions;
}

export interface DrainReport {
  sent: number;
  failed: number;
  retrying: number;
  uncertain: number;
  /** Why the queue is paused, when it is. */
  paused: string | null;
  /** Why nothing can be sent (no gateway configured, or its address refused), when so. */
  notConfigured: string | null;
  /** This desk syncs: the central service sends the SMS, not this desk. */
  sentByServer?: boolean;
}

interface Claimed {
  id: string;
  phone: string;
  body: string;
  attempts: number;
  attemptId: number;
}

/**
 * Sends queued SMS, one at a time, from the durable queue in the database. A message is marked
 * `sending` (committed) before its request leaves, so after a crash it is never sent again
 * automatically: it becomes `uncertain` and a person decides.
 */
export class SmsWorker {
  private readonly workerId = newId();
  private readonly send;
  private readonly random;
  private readonly maxAttempts;
  private readonly baseDelayMs;
  private readonly maxDelayMs;
  private readonly pollMs;
  private readonly recordsHealth;
  private running: Promise<DrainReport> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private started = false;
  private unsubscribe: (() => void) | null = null;
  /** Failed drains in a row, and the wait before the next. */
  readonly retries: Backoff;

  constructor(
    private readonly desk: Desk,
    options: SmsWorkerOptions = {},
  ) {
    this.send = options.send ?? sendSms;
    this.random = options.random ?? Math.random;
    this.maxAttempts = options.maxAttempts ?? 6;
    this.baseDelayMs = options.baseDelayMs ?? 30_000;
    this.maxDelayMs = options.maxDelayMs ?? 30 * 60_000;
    this.pollMs = options.pollMs ?? 15_000;
    this.recordsHealth = options.recordsHealth ?? true;
    this.retries = new Backoff(options.retry);
  }

  /** Drains now, after every commit that queues a message, and every `pollMs`. */
  start(): void {
    this.started = true;
    this.unsubscribe = this.desk.onSmsQueued(() => this.wakeInBackground());
    // While a retry waits, polling would only cut its backoff short.
    this.timer = setInterval(() => {
      if (!this.retryTimer) this.wakeInBackground();
    }, this.pollMs);
    this.timer.unref();
    this.wakeInBackground();
  }

  /** A drain nobody awaits: one that fails (a locked database, an API key the desktop app sealed) is logged; `wake` schedules its retry. */
  private wakeInBackground(): void {
    this.wake().catch((err: unknown) => this.desk.log.error({ err }, 'sms: the queue was not sent'));
  }

  /** Stops waking and waits for the drain in flight; `start` may follow again. */
  async stop(): Promise<void> {
    this.started = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /**
   * Runs a drain, or asks the running one to go round once more. While the worker is started, a
   * drain that fails is tried again by itself after a backoff, not only when the next SMS is queued.
   */
  wake(): Promise<DrainReport> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      let report: DrainReport;
      do {
        this.again = false;
        report = await this.drain();
      } while (this.again);
      return report;
    })()
      .then(
        (report) => {
          this.retries.reset();
          if (this.retryTimer) clearTimeout(this.retryTimer);
          this.retryTimer = null;
          return report;
        },
        (err: unknown) => {
          this.retryLater();
          throw err;
        },
      )
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  private retryLater(): void {
    if (!this.started) return;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.wakeInBackground();
    }, this.retries.next());
    this.retryTimer.unref();
  }

  /** Sends every message that is due now; retryable failures wait for their next attempt. */
  async drain(): Promise<DrainReport> {
    const report: DrainReport = { sent: 0, failed: 0, retrying: 0, uncertain: 0, paused: null, notConfigured: null };
    // A desk that syncs never sends: the central service sends each message once it accepts the op.
    if (this.desk.syncEnabled()) {
      report.sentByServer = true;
      return report;
    }
    await this.recoverInterrupted();
    for (;;) {
      report.paused = this.pausedReason();
      if (report.paused) return report;
      const setup = gatewaySetup(this.desk);
      if (!setup.ok) {
        report.notConfigured = setup.reason;
        return report;
      }
      const { config } = setup;
      const message = await this.claimNext();
      if (!message) return report;
      this.changed();
      const outcome: GatewayOutcome = isKenyanMobile(message.phone)
        ? await this.send(config, message.phone, message.body)
        : { kind: 'failed', reason: `Not sent: ${notMobileReason(message.phone)}.`, at: 'desk' };
      const state = await this.record(message, outcome);
      this.changed();
      if (state === 'sent') report.sent++;
      else if (state === 'failed') report.failed++;
      else if (state === 'uncertain') report.uncertain++;
      else if (state === 'queued' && outcome.kind === 'retry') report.retrying++;
      // The gateway cannot be reached: the other messages would only spend an attempt each on the same failure.
      if (outcome.kind === 'retry' && outcome.at === 'network') return report;
    }
  }

  /** A message changed state (committed): open screens refresh the SMS they show. */
  private changed(): void {
    changeFeed(this.desk).publish(['sms']);
  }

  private now(): string {
    return this.desk.clock().toISOString();
  }

  private pausedReason(): string | null {
    const { read } = this.desk;
    const row = read.first(read.selectFrom('sms_queue').select(['paused_at', 'reason']).where('id', '=', 1))!;
    return row.paused_at ? (row.reason ?? 'paused') : null;
  }

  /** `work` in a transaction of its own, once no command's transaction holds the connection. */
  private inTransaction<T>(work: (db: WritableDB, now: string) => T): Promise<T> {
    return betweenTransactions(this.desk, () => this.desk.write.transaction(() => work(this.desk.write, this.now())));
  }

  private claimNext(): Promise<Claimed | null> {
    return this.inTransaction((db, now) => {
      const row = db.first(
        db
          .selectFrom('sms_messages')
          .select(['id', 'phone', 'body', 'attempts'])
          .where('state', '=', 'queued')
          .where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', now)]))
          .orderBy('created_at')
          .orderBy('id')
          .limit(1),
      );
      if (!row) return null;
      db.run(
        db
          .updateTable('sms_messages')
          .set((eb) => ({ state: 'sending', attempts: eb('attempts', '+', 1), claimed_by: this.workerId, claimed_at: now, updated_at: now }))
          .where('id', '=', row.id),
      );
      const attempt = db.run(db.insertInto('sms_attempts').values({ message_id: row.id, started_at: now, outcome: 'sending', detail: '' }));
      return { ...row, attempts: row.attempts + 1, attemptId: Number(attempt.lastInsertRowid) };
    });
  }

  /** Exponential backoff with jitter: half the delay fixed, half random. */
  private retryDelayMs(attempts: number): number {
    const delay = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attempts - 1));
    return Math.round(delay / 2 + (this.random() * delay) / 2);
  }

  private record(message: Claimed, outcome: GatewayOutcome): Promise<SmsState> {
    return this.inTransaction((db, now) => {
      const update = (fields: UpdateObject<Database, 'sms_messages'>) =>
        db.run(
          db
            .updateTable('sms_messages')
            .set((eb) => ({ ...fields, claimed_by: null, claimed_at: null, version: eb('version', '+', 1), updated_at: now }))
            .where('id', '=', message.id),
        );
      let state: SmsState;
      switch (outcome.kind) {
        case 'sent':
          state = 'sent';
          update({ state, sent_at: now, gateway_message_id: outcome.messageId, cost: outcome.cost, failure_reason: null, next_attempt_at: null });
          break;
        case 'failed':
        case 'uncertain':
          state = outcome.kind;
          update({ state, failure_reason: outcome.reason });
          break;
        case 'retry':
          if (message.attempts >= this.maxAttempts) {
            state = 'failed';
            update({ state, failure_reason: `Gave up after ${message.attempts} attempts: ${outcome.reason}` });
          } else {
            state = 'queued';
            const next = new Date(Date.parse(now) + this.retryDelayMs(message.attempts)).toISOString();
            update({ state, next_attempt_at: next, failure_reason: outcome.reason });
          }
          break;
        case 'pause':
          // Not the message's fault: it waits in the queue, and the attempt does not count.
          state = 'queued';
          update({ state, attempts: sql<number>`attempts - 1`, failure_reason: outcome.reason });
          db.run(db.updateTable('sms_queue').set({ paused_at: now, reason: outcome.reason }).where('id', '=', 1));
          break;
      }
      db.run(
        db
          .updateTable('sms_attempts')
          .set({
            finished_at: now,
            outcome: outcome.kind,
            status_code: 'statusCode' in outcome ? (outcome.statusCode ?? null) : null,
            detail: outcome.kind === 'sent' ? `${outcome.status}, ${outcome.messageId}, ${outcome.cost}` : outcome.reason,
          })
          .where('id', '=', message.attemptId),
      );
      if (this.recordsHealth) recordGatewayHealth(db, outcome, now);
      return state;
    });
  }

  /**
   * A message left `sending` by a worker that died (no answer recorded well after the request
   * timeout) may or may not have reached the gateway: it becomes `uncertain`, never resent.
   */
  private async recoverInterrupted(): Promise<void> {
    const timeoutMs = Number(this.desk.setting('sms.requestTimeoutSeconds')) * 1000;
    const cutoff = new Date(this.desk.clock().getTime() - timeoutMs - 30_000).toISOString();
    const recovered = await this.inTransaction((db, now) => {
      const reason = 'Sending was interrupted (the app stopped before the gateway answered): it may or may not have been sent.';
      const stale = db.all(
        db
          .selectFrom('sms_messages')
          .select('id')
          .where('state', '=', 'sending')
          .where((eb) => eb.or([eb('claimed_at', 'is', null), eb('claimed_at', '<', cutoff)])),
      );
      for (const { id } of stale) {
        db.run(
          db
            .updateTable('sms_messages')
            .set({ state: 'uncertain', failure_reason: reason, claimed_by: null, claimed_at: null, updated_at: now })
            .where('id', '=', id),
        );
        db.run(
          db
            .updateTable('sms_attempts')
            .set({ finished_at: now, outcome: 'uncertain', detail: reason })
            .where('message_id', '=', id)
            .where('finished_at', 'is', null),
        );
      }
      return stale.length;
    });
    if (recovered > 0) this.changed();
  }
}
