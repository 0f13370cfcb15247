/**
 * A desk clock for tests: fixed at a known instant and moved only when the test says so, so no
 * test depends on today's date. `KMLTTB_TEST_NOW` (ISO-8601) moves the start, e.g. to a month end.
 */
export interface TestClock {
  (): Date;
  /** Moves the clock forward. */
  advance(ms: number): void;
  set(at: Date | string): void;
}

/** Mid-morning in Nairobi, late November 2026: after the statements the tests import, inside the periods they report on. */
export const TEST_NOW = process.env.KMLTTB_TEST_NOW ?? '2026-11-25T07:30:00.000Z';

export function testClock(start: Date | string = TEST_NOW): TestClock {
  let now = new Date(start).getTime();
  if (Number.isNaN(now)) throw new Error(`Not a date: ${String(start)}`);
  const clock = (() => new Date(now)) as TestClock;
  clock.advance = (ms) => {
    now += ms;
  };
  clock.set = (at) => {
    now = new Date(at).getTime();
  };
  return clock;
}
