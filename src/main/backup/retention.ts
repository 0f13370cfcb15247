/**
 * Which snapshots to keep: the newest of each of the last 14 days that have one, and the newest of
 * each of the last 8 weeks (Monday to Sunday) that have one. Days and weeks are UTC. Pure: the
 * caller lists the files and removes what this names.
 */
export interface Dated {
  name: string;
  at: Date;
}

export const KEEP_DAILY = 14;
export const KEEP_WEEKLY = 8;

export function snapshotsToRemove(snapshots: readonly Dated[], keep = { daily: KEEP_DAILY, weekly: KEEP_WEEKLY }): string[] {
  const newestFirst = [...snapshots].sort((a, b) => b.at.getTime() - a.at.getTime());
  const kept = new Set<string>();
  keepNewestPer(newestFirst, dayOf, keep.daily, kept);
  keepNewestPer(newestFirst, weekOf, keep.weekly, kept);
  return newestFirst.filter((s) => !kept.has(s.name)).map((s) => s.name);
}

function keepNewestPer(newestFirst: readonly Dated[], period: (at: Date) => string, count: number, kept: Set<string>): void {
  const seen = new Set<string>();
  for (const s of newestFirst) {
    const p = period(s.at);
    if (seen.has(p)) continue;
    if (seen.size === count) break;
    seen.add(p);
    kept.add(s.name);
  }
}

function dayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** The Monday that starts the week of `at`. */
function weekOf(at: Date): string {
  const daysSinceMonday = (at.getUTCDay() + 6) % 7;
  return dayOf(new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() - daysSinceMonday)));
}
