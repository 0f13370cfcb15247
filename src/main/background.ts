import { DailyBackups } from './backup/daily.js';
import type { Desk } from './desk.js';
import { sweepExportsInBackground } from './reports/exportSweep.js';
import { SmsWorker } from './sms/worker.js';
import { SyncClient } from './sync/client.js';

export interface BackgroundOptions {
  /** false: the SMS worker does not run (tests that look at the queue as it was left). */
  sendSms?: boolean;
  /** How often old report exports are removed (default daily; opening the desk removes them too). */
  exportSweepMs?: number;
  /** false: no daily backup into backups/. */
  backups?: boolean;
}

/**
 * What a running desk does on its own besides answering people: the SMS worker (without a sync
 * server this desk is the authority that sends the SMS; the worker checks), the sync client,
 * removing old report exports daily, and the daily backup.
 * The desktop app and browser mode start it; `paused` stops it around work that must have the
 * desk to itself, such as the first run's demo data (made on the same connection, with its own
 * stand-in gateway: a configured real one must never send the demo's made-up messages).
 */
export class BackgroundWork {
  private readonly sms: SmsWorker;
  private readonly sync: SyncClient;
  private readonly backups: DailyBackups;
  private started = false;
  private pauses = 0;
  private sweepTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly desk: Desk,
    private readonly options: BackgroundOptions = {},
  ) {
    this.sms = new SmsWorker(desk);
    this.sync = new SyncClient(desk);
    this.backups = new DailyBackups(desk);
  }

  start(): void {
    this.started = true;
    if (this.pauses === 0) this.run();
  }

  /** Stops for good, waiting for the work in flight (an SMS being sent, a sync round). */
  async stop(): Promise<void> {
    this.started = false;
    await this.halt();
  }

  /** Runs `work` with the background stopped (the work in flight finished first), then starts it again. */
  async paused<T>(work: () => Promise<T>): Promise<T> {
    this.pauses++;
    try {
      await this.halt();
      return await work();
    } finally {
      this.pauses--;
      if (this.pauses === 0 && this.started) this.run();
    }
  }

  private run(): void {
    if (this.options.sendSms !== false) this.sms.start();
    this.sync.start();
    this.sweepTimer = setInterval(() => sweepExportsInBackground(this.desk), this.options.exportSweepMs ?? 24 * 60 * 60 * 1000);
    this.sweepTimer.unref();
    if (this.options.backups !== false) this.backups.start();
  }

  private async halt(): Promise<void> {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.sweepTimer = null;
    await Promise.all([this.sms.stop(), this.sync.stop(), this.backups.stop()]);
  }
}
