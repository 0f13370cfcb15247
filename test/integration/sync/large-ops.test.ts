import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Desk } from '../../../src/main/desk.js';
import { count } from '../support/tempDesk.js';
import { actorOn, joinedDesk, seedApplication, startTestServer, sync, type TestServer } from './support.js';

let s: TestServer;
let desk: Desk;
let ids: string[] = [];

// Pages of a few ops go over this limit; one short op fits; one op with a 1,000-character reason does not.
const PUSH_LIMIT_BYTES = 1_200;

beforeAll(async () => {
  s = await startTestServer(
    (t) => {
      ids = Array.from({ length: 4 }, (_, i) => seedApplication(t.desk, { ref: `ECZ-BIG-${i}`, nationalId: `2910000${i}` }));
    },
    { pushBodyLimitBytes: PUSH_LIMIT_BYTES },
  );
  desk = await joinedDesk(s);
});
afterAll(async () => {
  await desk?.close();
  await s?.server.close();
});

it('a push too large for the service is sent op by op, and an op too large alone is refused without holding up the rest', async () => {
  const officer = actorOn(desk, 'officer');
  for (const [i, applicationId] of ids.entries()) {
    const reason = i === 1 ? `Long note: ${'x'.repeat(980)}` : 'Checked.';
    const r = await desk.dispatch(i === 1 ? 'application.reject' : 'application.approve', { applicationId, reason }, officer);
    expect(r.ok).toBe(true);
  }
  const report = await sync(desk);
  expect(report).toMatchObject({ sent: 4, applied: 3, duplicate: 0 });
  expect(report.rejected).toEqual([
    expect.objectContaining({ name: 'application.reject', reason: expect.stringMatching(/too large for the central service/) }),
  ]);
  expect(count(desk, 'outbox')).toBe(0);
  const state = (id: string) => s.server.desk.sqlite.prepare('SELECT state FROM applications WHERE id = ?').pluck().get(id);
  expect(ids.map(state)).toEqual(['approved', 'submitted', 'approved', 'approved']);
  // The refused decision is undone on the desk: it shows the service's version.
  expect(desk.sqlite.prepare('SELECT state FROM applications WHERE id = ?').pluck().get(ids[1])).toBe('submitted');
});
