import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Desk } from '../../../src/main/desk.js';
import { SyncClient } from '../../../src/main/sync/client.js';
import { memoryLog } from '../support/logFiles.js';
import { holdWriteLock } from '../support/secondConnection.js';
import { count } from '../support/tempDesk.js';
import { actorOn, joinedDesk, seedApplication, snapshot, startTestServer, type TestServer } from './support.js';

let s: TestServer;
let appId: string;
let d: Desk;
beforeAll(async () => {
  s = await startTestServer((t) => {
    appId = seedApplication(t.desk, { ref: 'ECZ-LOOP-1' });
  });
  d = await joinedDesk(s);
});
afterAll(async () => {
  await d.close();
  await s.server.close();
});

describe('the sync loop when its database fails', () => {
  it('takes a round whose database is locked as failed, backs off with jitter, tries again, and syncs by itself once the lock is released', async () => {
    const { logger, lines: logged } = memoryLog();
    d.log = logger;
    expect((await d.dispatch('application.approve', { applicationId: appId }, actorOn(d, 'officer'))).ok).toBe(true);
    d.sqlite.pragma('busy_timeout = 20');
    const client = new SyncClient(d, { intervalMs: 60_000, retry: { baseMs: 5, maxMs: 40 } });
    const waits = vi.spyOn(client.retries, 'next');
    const lock = holdWriteLock(d.file);
    try {
      client.start();
      // Each round pushes the op, the service takes it, and the desk cannot write down the answer.
      await vi.waitFor(() => expect(client.retries.failures).toBeGreaterThanOrEqual(3), { timeout: 10_000, interval: 5 });
    } finally {
      lock.release();
    }
    await vi.waitFor(() => expect(count(d, 'outbox')).toBe(0), { timeout: 10_000, interval: 5 });
    await client.stop();
    expect(logged).toContainEqual(
      expect.objectContaining({ msg: 'sync: the round failed', err: expect.objectContaining({ message: expect.stringMatching(/database is locked/) }) }),
    );

    expect(client.retries.failures).toBe(0);
    waits.mock.results.forEach((r, i) => expect(r.value).toBeLessThanOrEqual(Math.min(40, 5 * 2 ** i)));
    // The op the service was sent several times was applied there once.
    expect(count(s.server.desk, 'invoices', 'application_id = ?', appId)).toBe(1);
    expect(count(s.server.desk, 'sms_messages', 'application_id = ?', appId)).toBe(1);
    expect(snapshot(d)).toEqual(snapshot(s.server.desk));
  });
});
