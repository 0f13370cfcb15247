import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Desk } from '../../../src/main/desk.js';
import { paidApplication } from '../support/paid.js';
import { testClock } from '../support/testClock.js';
import { actorOn, centreSnapshot, joinedDeskAt, startTestServer, sync, type TestServer } from './support.js';

/**
 * A centre's desk holds only its centre's licence history, so the history row its own work adds
 * takes the next number after its centre's rows: on the service that number may already be
 * another centre's row, and the service numbers the same step apart. Found by the convergence
 * test (seed 37, once): the desk kept its own row beside the service's.
 */

let s: TestServer;
let desk: Desk;
let nairobi: string;
beforeAll(async () => {
  const clock = testClock();
  s = await startTestServer(
    async (t) => {
      const officer = t.actors.officer;
      const ok = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
        if (!r.ok) throw new Error(r.error.message);
        return r.value;
      };
      // Nairobi's batch first, then Mombasa's: Mombasa's history rows take the numbers after Nairobi's.
      for (const centreId of [t.centres.nairobi, t.centres.mombasa]) {
        const id = await paidApplication(t.desk, officer, { centreId });
        ok(await t.desk.dispatch('licence.issue', { applicationIds: [id] }, officer));
        ok(await t.desk.dispatch('batch.create', { centreId }, officer));
      }
      nairobi = t.centres.nairobi;
    },
    { clock },
  );
  desk = await joinedDeskAt(s.server.url, 'admin', { clock, deskName: 'Nairobi desk', centreCode: 'NRB' });
});
afterAll(async () => {
  await desk?.close();
  await s?.server.close();
});

const historyIds = (d: Pick<Desk, 'sqlite'>) => d.sqlite.prepare('SELECT id FROM licence_history ORDER BY id').pluck().all() as number[];

describe("a centre desk's own licence history", () => {
  it("is the service's after sync, though the desk numbered the step with a number another centre holds there", async () => {
    const mine = historyIds(desk);
    const receive = await desk.dispatch(
      'batch.receive',
      { batchId: desk.sqlite.prepare('SELECT id FROM dispatch_batches').pluck().get() as string },
      actorOn(desk, 'clerk.nrb'),
    );
    expect(receive.ok).toBe(true);
    const local = historyIds(desk).filter((id) => !mine.includes(id));
    expect(local).toHaveLength(1);
    // The number the desk gave its step is a Mombasa row on the service.
    const there = s.server.desk.sqlite
      .prepare('SELECT c.code FROM licence_history h JOIN centres c ON c.id = h.centre_id WHERE h.id = ?')
      .pluck()
      .get(local[0]);
    expect(there).toBe('MSA');

    expect(await sync(desk)).toMatchObject({ applied: 1, rejected: [] });
    await sync(desk);
    expect(centreSnapshot(desk, nairobi, 'desk')).toEqual(centreSnapshot(s.server.desk, nairobi, 'service'));
    expect(historyIds(desk)).not.toContain(local[0]);
  });
});
