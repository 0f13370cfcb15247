import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDesk } from '../../src/main/desk.js';
import { SmsWorker } from '../../src/main/sms/worker.js';
import { configureGateway, queueTestSms, smsState } from './support/smsSetup.js';
import { holdWriteLock } from './support/secondConnection.js';
import { memoryLog } from './support/logFiles.js';
import { makeDesk, seedApplication, type TestDesk } from './support/tempDesk.js';

let t: TestDesk;
let logged: Record<string, unknown>[];
beforeEach(async () => {
  const log = memoryLog();
  logged = log.lines;
  t = await makeDesk({ log: log.logger });
  // "Locked past the busy timeout" without waiting the desk's five seconds for it.
  t.desk.sqlite.pragma('busy_timeout = 50');
});
afterEach(async () => {
  vi.restoreAllMocks();
  await t.desk.close();
});

const stateOf = (id: string) => t.desk.sqlite.prepare('SELECT state FROM applications WHERE id = ?').pluck().get(id);

describe('a database another program keeps locked', () => {
  it("answers an officer's command with a clear busy message, and the same command succeeds once the lock is released", async () => {
    const app = seedApplication(t.desk);
    const lock = holdWriteLock(t.desk.file);
    const refused = await t.desk.dispatch('application.approve', { applicationId: app }, t.actors.officer);
    lock.release();
    expect(refused).toEqual({
      ok: false,
      error: { code: 'database_busy', message: expect.stringMatching(/^The database is busy .*nothing was saved\. Try again in a moment\.$/) },
    });
    expect(stateOf(app)).toBe('submitted');

    const again = await t.desk.dispatch('application.approve', { applicationId: app }, t.actors.officer);
    expect(again.ok).toBe(true);
    expect(stateOf(app)).toBe('approved');
  });

  it('makes the started SMS worker retry its round with backoff, and it sends by itself once the lock is released', async () => {
    await configureGateway(t.desk, 'https://gateway.test');
    const sms = queueTestSms(t.desk);
    const send = vi.fn(async () => ({ kind: 'sent' as const, messageId: 'ATXid_1', cost: 'KES 0.8000', status: 'Success', statusCode: 101 }));
    const worker = new SmsWorker(t.desk, { send, pollMs: 60_000, retry: { baseMs: 5, maxMs: 40 } });
    const waits = vi.spyOn(worker.retries, 'next');
    const lock = holdWriteLock(t.desk.file);
    try {
      worker.start();
      await vi.waitFor(() => expect(worker.retries.failures).toBeGreaterThanOrEqual(3), { timeout: 5_000, interval: 5 });
    } finally {
      lock.release();
    }
    await vi.waitFor(() => expect(smsState(t.desk, sms).state).toBe('sent'), { timeout: 5_000, interval: 5 });
    await worker.stop();
    expect(send).toHaveBeenCalledTimes(1);
    expect(worker.retries.failures).toBe(0);
    // Full jitter, capped: each wait somewhere from 0 to min(40, 5 × 2^n) ms.
    waits.mock.results.forEach((r, i) => expect(r.value).toBeLessThanOrEqual(Math.min(40, 5 * 2 ** i)));
    expect(logged).toContainEqual(
      expect.objectContaining({ msg: 'sms: the queue was not sent', err: expect.objectContaining({ message: expect.stringMatching(/database is locked/) }) }),
    );
  });
});

describe('a full disk (the database capped at its size)', () => {
  it('refuses the change that would grow it with the disk-full message, keeps everything committed before, and works again once there is room', async () => {
    const apps = Array.from({ length: 40 }, () => seedApplication(t.desk));
    const pages = t.desk.sqlite.pragma('page_count', { simple: true }) as number;
    t.desk.sqlite.pragma(`max_page_count = ${pages + 6}`);

    const approved: string[] = [];
    let full: { code: string; message: string } | undefined;
    for (const app of apps) {
      const r = await t.desk.dispatch('application.approve', { applicationId: app }, t.actors.officer);
      if (!r.ok) {
        full = r.error;
        break;
      }
      approved.push(app);
    }
    expect(full).toEqual({ code: 'disk_full', message: 'The disk holding the data folder is full: nothing was saved. Free some space on it and try again.' });
    expect(approved.length).toBeGreaterThan(0);
    const failed = apps[approved.length]!;
    expect(stateOf(failed)).toBe('submitted');

    t.desk.sqlite.pragma('max_page_count = 1073741823');
    expect((await t.desk.dispatch('application.approve', { applicationId: failed }, t.actors.officer)).ok).toBe(true);

    // Read back from the file by a desk opened afresh: every approval before the full disk, and the one after, are there and the trail is whole.
    await t.desk.close();
    t.desk = openDesk(t.dir, { clock: t.clock });
    for (const app of [...approved, failed]) expect(stateOf(app)).toBe('approved');
    expect(t.desk.sqlite.prepare('SELECT count(*) FROM invoices').pluck().get()).toBe(approved.length + 1);
    const verified = await t.desk.query('audit.verify', {}, t.actors.auditor);
    expect(verified.ok && verified.value).toMatchObject({ ok: true });
  });
});
