import { describe, expect, it } from 'vitest';
import { snapshotsToRemove } from '../../../src/main/backup/retention.js';

const DAY = 24 * 60 * 60 * 1000;
/** Snapshots at 02:00 UTC on each of `days` days ending on Sunday 2026-11-29. */
function daily(days: number, end = '2026-11-29T02:00:00Z') {
  return Array.from({ length: days }, (_, i) => {
    const at = new Date(new Date(end).getTime() - i * DAY);
    return { name: `s-${at.toISOString().slice(0, 10)}`, at };
  });
}

describe('backup retention', () => {
  it('keeps every snapshot while there are no more than 14 days of them', () => {
    expect(snapshotsToRemove(daily(14))).toEqual([]);
  });

  it('keeps the last 14 days, then the newest of each of 8 weeks (Monday to Sunday), and removes the rest', () => {
    const snapshots = daily(100);
    const removed = new Set(snapshotsToRemove(snapshots));
    const kept = snapshots.filter((s) => !removed.has(s.name)).map((s) => s.name);
    expect(kept).toEqual([
      // the last 14 days: Monday 16 to Sunday 29 November
      ...daily(14).map((s) => s.name),
      // the newest of each week before, back to the eighth week counting this one: the Sundays
      's-2026-11-15',
      's-2026-11-08',
      's-2026-11-01',
      's-2026-10-25',
      's-2026-10-18',
      's-2026-10-11',
    ]);
    expect(removed.size).toBe(100 - 20);
  });

  it('keeps one snapshot a day, the newest, when several were made on one day', () => {
    const at = (iso: string) => ({ name: iso, at: new Date(iso) });
    const removed = snapshotsToRemove([at('2026-11-25T07:30:00Z'), at('2026-11-25T12:00:00Z'), at('2026-11-24T09:00:00Z')]);
    expect(removed).toEqual(['2026-11-25T07:30:00Z']);
  });

  it('counts days that have a snapshot, not days of the calendar: a desk used once a week keeps 14 of them', () => {
    const weekly = Array.from({ length: 20 }, (_, i) => {
      const at = new Date(new Date('2026-11-25T08:00:00Z').getTime() - i * 7 * DAY);
      return { name: `w${i}`, at };
    });
    expect(snapshotsToRemove(weekly)).toEqual(['w14', 'w15', 'w16', 'w17', 'w18', 'w19']);
  });
});
