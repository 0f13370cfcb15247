export interface BackoffOptions {
  /** The first retry waits up to this long (default 1 s). */
  baseMs?: number;
  /** No retry waits longer than this (default 5 min). */
  maxMs?: number;
  random?: () => number;
}

/**
 * Retries of a background loop after failed rounds: exponential and capped, with full jitter
 * (anywhere from 0 to the cap of this attempt), so that desks failing together do not retry together.
 */
export class Backoff {
  private count = 0;
  private readonly baseMs: number;
  private readonly maxMs: number;
  private readonly random: () => number;

  constructor(options: BackoffOptions = {}) {
    this.baseMs = options.baseMs ?? 1_000;
    this.maxMs = options.maxMs ?? 5 * 60_000;
    this.random = options.random ?? Math.random;
  }

  /** Failed rounds in a row. */
  get failures(): number {
    return this.count;
  }

  /** One more failed round: how long to wait before the next. */
  next(): number {
    this.count++;
    const cap = Math.min(this.maxMs, this.baseMs * 2 ** Math.min(this.count - 1, 30));
    return Math.round(this.random() * cap);
  }

  reset(): void {
    this.count = 0;
  }
}
