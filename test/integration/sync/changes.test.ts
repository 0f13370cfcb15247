import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Entity } from '../../../src/shared/contract/entities.js';
import { changeFeed } from '../../../src/main/core/changes.js';
import type { Desk } from '../../../src/main/desk.js';
import { actorOn, joinedDesk, seedApplication, startTestServer, sync, type TestServer } from './support.js';

let s: TestServer;
let applicationId: string;
const desks: Desk[] = [];

beforeAll(async () => {
  s = await startTestServer((t) => {
    applicationId = seedApplication(t.desk, { ref: 'ECZ-CHANGES-1', nationalId: '29111111' });
  });
});
afterAll(async () => {
  for (const d of desks) await d.close();
  await s.server.close();
});

/** What a desk publishes, each publication's entities sorted. */
function record(desk: Desk): Entity[][] {
  const seen: Entity[][] = [];
  changeFeed(desk).subscribe((entities) => seen.push([...entities].sort()));
  return seen;
}

describe("a change made on another desk reaches this desk's open screens with the next pull", () => {
  it('the pull publishes the entities of the rows it wrote, once committed; a pull that brings nothing publishes nothing', async () => {
    const here = await joinedDesk(s);
    const there = await joinedDesk(s);
    desks.push(here, there);
    const onHere = record(here);
    const onThere = record(there);
    const onServer = record(s.server.desk);

    expect((await there.dispatch('application.approve', { applicationId }, actorOn(there, 'officer'))).ok).toBe(true);
    // The desk that acted tells its own screens at once.
    expect(onThere).toEqual([['application', 'audit', 'invoice', 'sms']]);
    await sync(there);
    // The service applied the pushed op (its SMS queued there) after the page's commit.
    expect(onServer).toEqual([['application', 'audit', 'invoice', 'sms']]);

    expect(onHere).toEqual([]);
    const report = await sync(here);
    expect(report.received).toBeGreaterThan(0);
    expect(onHere).toHaveLength(1);
    expect(onHere[0]).toEqual(expect.arrayContaining(['application', 'invoice', 'sms']));
    // What the screens read then is already there: the publication follows the pull's commit.
    expect(here.sqlite.prepare('SELECT state FROM applications WHERE id = ?').pluck().get(applicationId)).toBe('approved');

    await sync(here);
    expect(onHere).toHaveLength(1);
  });
});
