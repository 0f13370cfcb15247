import type { DeskServices } from '../core/deskServices.js';
import { listBackups } from './backupsFolder.js';
import { makeSnapshot } from './snapshots.js';

export const DAY_MS = 24 * 60 * 60 * 1000;
/** How often a running desk looks whether a day has passed since its last snapshot. */
export const DAILY_CHECK_MS = 60 * 60 * 1000;

/**
 * A snapshot a day while the app, browser mode or the service runs: at start when the newest one is
 * a day old (or there is none), then whenever the hourly look finds it so. Times are the desk's clock.
 */
export class DailyBackups {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | null = null;
  private started = false;

  constructor(private readonly desk: Pick<DeskServices, 'dataDir' | 'sqlite' | 'clock' | 'secrets' | 'log'>) {}

  start(): void {
    this.started = true;
    this.tick();
    this.timer = setInterval(() => this.tick(), DAILY_CHECK_MS);
    this.timer.unref();
  }

  /** Stops, waiting for a snapshot being made (its worker reads the database the caller is about to close). */
  async stop(): Promise<void> {
    this.started = false;
    clearInterval(this.timer);
    await this.running;
  }

  /** One look: the snapshot's path when one was due and made, else null. */
  async runOnce(): Promise<string | null> {
    const newest = listBackups(this.desk.dataDir).find((b) => b.kind === 'snapshot');
    if (newest && this.desk.clock().getTime() - newest.at.getTime() < DAY_MS) return null;
    return (await makeSnapshot(this.desk)).file;
  }

  private tick(): void {
    if (!this.started || this.running) return;
    this.running = this.runOnce()
      .catch((err: unknown) => this.desk.log.error({ err }, 'backup: the daily backup failed'))
      .finally(() => {
        this.running = null;
      });
  }
}
