import { describe, expect, it } from 'vitest';
import type { Desk } from '../../../src/main/desk.js';
import { syncRound, type RoundReport } from '../../../src/main/sync/round.js';
import { count } from '../support/tempDesk.js';
import { testClock } from '../support/testClock.js';
import { actorOn, joinedDeskAt, seedApplication, snapshot, startTestServer } from './support.js';

const POOL = 24;
const OPS_PER_DESK_AND_ROUND = 4;
/** Which desks make changes before each round, and which sync in it (together). */
const ROUNDS: { working: number[]; syncing: number[] }[] = [
  { working: [0, 1], syncing: [0, 1] },
  { working: [0, 1], syncing: [0, 1] },
  { working: [0, 1, 2], syncing: [0, 1, 2] },
  { working: [0, 1, 2], syncing: [0, 1, 2] },
  { working: [], syncing: [0, 1, 2] },
  { working: [], syncing: [0, 1, 2] },
];

interface Made {
  desk: number;
  opId: string;
}

/** Each desk's rounds, started together: when each began and ended, and what it reported. */
async function syncTogether(desks: Desk[]): Promise<{ reports: RoundReport[]; overlapped: boolean }> {
  const spans: { start: number; end: number }[] = [];
  const reports = await Promise.all(
    desks.map(async (d) => {
      const start = performance.now();
      const report = await syncRound(d);
      spans.push({ start, end: performance.now() });
      return report;
    }),
  );
  // Every round began before any ended: the service had them all in hand at once.
  const overlapped = Math.max(...spans.map((s) => s.start)) < Math.min(...spans.map((s) => s.end));
  return { reports, overlapped };
}

/**
 * Three desks on one service, each deciding applications of a shared pool (so that two desks
 * often decide the same one in the same round), syncing at the same moment round after round:
 * first two of them, then all three; then two quiet rounds, all at once.
 */
async function runTogether() {
  const clock = testClock();
  const s = await startTestServer(
    (t) => {
      for (let i = 0; i < POOL; i++) seedApplication(t.desk, { ref: `ECZ-TOGETHER-${i}`, nationalId: `61${String(i).padStart(5, '0')}` });
    },
    { clock },
  );
  const desks: Desk[] = [];
  try {
    // Joining signs in on the service (a slow password check on purpose): the three at once.
    desks.push(...(await Promise.all([0, 1, 2].map((i) => joinedDeskAt(s.server.url, 'admin', { clock, deskName: `desk ${i}` })))));
    const made: Made[] = [];
    const reports: RoundReport[][] = desks.map(() => []);
    const overlapped: boolean[] = [];
    const ids = desks[0]!.sqlite.prepare('SELECT id FROM applications ORDER BY application_ref').pluck().all() as string[];
    expect(ids).toHaveLength(POOL);
    for (let round = 0; round < ROUNDS.length; round++) {
      const { working, syncing } = ROUNDS[round]!;
      for (const i of working) {
        const d = desks[i]!;
        const officer = actorOn(d, 'officer');
        for (let k = 0; k < OPS_PER_DESK_AND_ROUND; k++) {
          // Desks walk the pool from overlapping places: the same application is decided on two desks in one round.
          const applicationId = ids[(round * OPS_PER_DESK_AND_ROUND + k + i * 2) % POOL]!;
          const name = (['application.approve', 'application.reject', 'application.return'] as const)[(i + k) % 3]!;
          const input = name === 'application.approve' ? { applicationId } : { applicationId, reason: `Desk ${i} checked it` };
          const result = await d.dispatch(name, input, officer);
          if (!result.ok) continue;
          made.push({ desk: i, opId: d.sqlite.prepare('SELECT op_id FROM outbox ORDER BY seq DESC LIMIT 1').pluck().get() as string });
        }
      }
      const together = await syncTogether(syncing.map((i) => desks[i]!));
      overlapped.push(together.overlapped);
      for (const [n, r] of together.reports.entries()) reports[syncing[n]!]!.push(r);
    }

    const server = s.server.desk;
    const expected = snapshot(server);
    for (const [i, d] of desks.entries()) {
      expect(snapshot(d), `desk ${i}`).toEqual(expected);
      expect(count(d, 'outbox'), `desk ${i} outbox`).toBe(0);
      expect(count(d, 'row_changes'), `desk ${i} rows waiting for a refresh`).toBe(0);
    }
    // No op lost or applied twice: each was answered once, applied on the service (once) or refused and kept for its user.
    const rejected = new Set(reports.flat().flatMap((r) => r.rejected.map((x) => x.opId)));
    for (const [i, list] of reports.entries()) {
      const mine = made.filter((m) => m.desk === i);
      const answered = list.reduce((n, r) => n + r.applied + r.duplicate + r.rejected.length, 0);
      expect({ sent: list.reduce((n, r) => n + r.sent, 0), answered }, `desk ${i}`).toEqual({ sent: mine.length, answered: mine.length });
      const kept = desks[i]!.sqlite.prepare('SELECT op_id FROM sync_rejections ORDER BY op_id').pluck().all();
      expect(kept, `desk ${i} refused changes`).toEqual(
        mine
          .filter((m) => rejected.has(m.opId))
          .map((m) => m.opId)
          .sort(),
      );
    }
    const appliedOnServer = server.sqlite.prepare('SELECT count(*) FROM applied_ops WHERE op_id = ?').pluck();
    for (const m of made) expect(appliedOnServer.get(m.opId), `op ${m.opId} of desk ${m.desk}`).toBe(rejected.has(m.opId) ? 0 : 1);
    const approved = server.sqlite.prepare("SELECT id FROM applications WHERE state = 'approved'").pluck().all() as string[];
    for (const id of approved) {
      expect(count(server, 'invoices', 'application_id = ?', id)).toBe(1);
      expect(count(server, 'sms_messages', "application_id = ? AND event = 'approved'", id)).toBe(1);
    }
    return { made: made.length, rejected: rejected.size, approved: approved.length, overlapped };
  } finally {
    for (const d of desks) await d.close();
    await s.server.close();
  }
}

describe('desks syncing at the same moment', () => {
  it('two, then three desks deciding the same applications and syncing together converge, no op lost or applied twice', async () => {
    const run = await runTogether();
    // The rounds did run together, and the desks did collide on the same applications.
    expect(run.overlapped).toEqual(ROUNDS.map(() => true));
    expect(run.rejected).toBeGreaterThan(0);
    expect(run.made - run.rejected).toBeGreaterThan(0);
    expect(run.approved).toBeGreaterThan(0);
  }, 60_000);
});
