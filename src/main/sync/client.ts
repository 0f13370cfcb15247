import { Backoff, type BackoffOptions } from '../core/backoff.js';
import type { Desk } from '../core/deskApi.js';
import { SyncUnreachable } from './http.js';
import { syncRound, type RoundReport } from './round.js';
import { syncRuntime } from './runtime.js';
import { centralServiceUrl, refusedAsOutdated, updateOfferFrom } from './updateOffer.js';

export interface SyncClientOptions {
  /** A round at least this often while online (default 30 s). */
  intervalMs?: number;
  /** A change waits this long for others before its round starts (default 1 s). */
  debounceMs?: number;
  /** After a failed round (the server out of reach, the database locked): full-jitter backoff from 1 s up to 5 min by default. */
  retry?: BackoffOptions;
}

/**
 * The desk's sync in the background: a round on a timer, and soon after each change while the
 * server answers; after a failed round (server out of reach, database locked or full) rounds back
 * off. Does nothing while the desk has not joined.
 * One round at a time; a change during a round asks for one more.
 */
export class SyncClient {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private unsubscribe: (() => void) | null = null;
  private readonly intervalMs: number;
  private readonly debounceMs: number;
  /** Failed rounds in a row, and the wait before the next. */
  readonly retries: Backoff;

  constructor(
    private readonly desk: Desk,
    options: SyncClientOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 30_000;
    this.debounceMs = options.debounceMs ?? 1_000;
    this.retries = new Backoff(options.retry);
  }

  /** Starts (again, after `stop`). */
  start(): void {
    this.stopped = false;
    this.unsubscribe = this.desk.onChanged(() => {
      if (this.retries.failures === 0) this.schedule(this.debounceMs);
    });
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** A round now (or one more after the running one). */
  syncNow(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    if (this.timer) clearTimeout(this.timer);
    const runtime = syncRuntime(this.desk);
    let failed = false;
    this.running = (async () => {
      do {
        this.again = false;
        runtime.syncing = true;
        try {
          // Inside the try: a locked or full database (SQLITE_BUSY, SQLITE_FULL) is a failed round, never an unhandled rejection.
          if (!this.desk.syncEnabled()) break;
          await this.round();
          this.retries.reset();
          runtime.update = null;
        } catch (err) {
          failed = true;
          const serverUrl = centralServiceUrl(this.desk);
          if (refusedAsOutdated(err) && serverUrl) runtime.update = await updateOfferFrom(serverUrl);
          if (!(err instanceof SyncUnreachable)) this.desk.log.error({ err }, 'sync: the round failed');
          break;
        } finally {
          runtime.syncing = false;
          runtime.progress = null;
        }
      } while (this.again && !this.stopped);
    })().finally(() => {
      this.running = null;
      this.schedule(failed ? this.retries.next() : this.intervalMs);
    });
    return this.running;
  }

  private round(): Promise<RoundReport> {
    const runtime = syncRuntime(this.desk);
    return syncRound(this.desk, (progress) => {
      runtime.progress = progress;
    });
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.syncNow(), delayMs);
    this.timer.unref();
  }
}
