import { describe, expect, it } from 'vitest';
import { Backoff } from '../../../src/main/core/backoff.js';

describe('Backoff', () => {
  it('waits at most 1 s, 2 s, 4 s … after failures in a row, never more than 5 min, and starts over after a success', () => {
    const b = new Backoff({ random: () => 1 });
    const waits = Array.from({ length: 12 }, () => b.next());
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 256_000, 300_000, 300_000, 300_000]);
    expect(b.failures).toBe(12);
    b.reset();
    expect(b.failures).toBe(0);
    expect(b.next()).toBe(1_000);
  });

  it('spreads each wait anywhere from nothing to its cap (full jitter)', () => {
    const draws = [0, 0.5, 0.25];
    const b = new Backoff({ baseMs: 100, maxMs: 1_000, random: () => draws.shift()! });
    expect([b.next(), b.next(), b.next()]).toEqual([0, 100, 100]);
  });
});
