import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Desk } from '../../../src/main/desk.js';
import { syncRound } from '../../../src/main/sync/round.js';
import { startCentralServer, type CentralServer } from '../../../src/server/start.js';
import { openFolderDatabase } from '../../support/databaseFile.js';
import { count, makeDesk, seedApplication } from '../support/tempDesk.js';
import { testClock } from '../support/testClock.js';
import { startProxy } from './proxy.js';
import { actorOn, joinedDeskAt, snapshot } from './support.js';

const STARTUP_DEADLINE_MS = 45_000;
/** Ops in the page: enough that applying them takes far longer than finding the transaction open. */
const PAGE_OPS = 80;
/** Probes in a row that found the service's write transaction open: more than a token check's short write. */
const BUSY_PROBES = 3;

/** `kmlttb server` (the built CLI) on `dataDir`, resolved once it prints its address. */
function startServerProcess(dataDir: string, port: number): Promise<{ child: ChildProcess; url: string; exited: Promise<NodeJS.Signals | number | null> }> {
  const child = spawn(process.execPath, [path.resolve('bin/kmlttb.js'), 'server', '--data', dataDir, '--port', String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`kmlttb server did not start in time:\n${out}`));
    }, STARTUP_DEADLINE_MS);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /Listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1]!, exited });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    void exited.then((how) => {
      clearTimeout(timer);
      reject(new Error(`kmlttb server ended (${String(how)}) before listening:\n${out}`));
    });
  });
}

/**
 * Whether someone holds the database's write lock now: a write transaction of our own is
 * refused at once (no waiting) while the service's is open. When it is not, ours ends at once.
 */
function writeLockHeld(db: ReturnType<typeof openFolderDatabase>): boolean {
  try {
    db.exec('BEGIN IMMEDIATE');
    db.exec('ROLLBACK');
    return false;
  } catch (err) {
    if ((err as { code?: string }).code === 'SQLITE_BUSY') return true;
    throw err;
  }
}

describe('sync faults: the central service killed while applying a push page', () => {
  it('SIGKILL mid-page: on restart the page is absent, not half applied; the desks push it again and converge', async () => {
    // The service process runs on the real clock: the desks' ops are dated before it, as an op from the past is taken.
    const clock = testClock('2026-11-25T07:30:00.000Z');
    const t = await makeDesk({ clock });
    t.desk.sqlite.transaction(() => {
      for (let i = 0; i < PAGE_OPS; i++) seedApplication(t.desk, { ref: `ECZ-KILL-${i}`, nationalId: `71${String(i).padStart(6, '0')}` });
    })();
    const dataDir = t.dir;
    await t.desk.close();

    const service = await startServerProcess(dataDir, 0);
    const port = Number(new URL(service.url).port);
    const proxy = await startProxy(service.url);
    const desks: Desk[] = [];
    let restarted: CentralServer | null = null;
    try {
      const [pusher, other] = await Promise.all([
        joinedDeskAt(proxy.url, 'admin', { clock, deskName: 'pushing desk' }),
        joinedDeskAt(proxy.url, 'admin', { clock, deskName: 'other desk' }),
      ]);
      desks.push(pusher!, other!);
      const officer = actorOn(pusher!, 'officer');
      const ids = pusher!.sqlite.prepare('SELECT id FROM applications ORDER BY application_ref').pluck().all() as string[];
      expect(ids).toHaveLength(PAGE_OPS);
      for (const applicationId of ids) expect((await pusher!.dispatch('application.approve', { applicationId }, officer)).ok).toBe(true);
      const opIds = pusher!.sqlite.prepare('SELECT op_id FROM outbox ORDER BY seq').pluck().all() as string[];
      expect(opIds).toHaveLength(PAGE_OPS);

      // The proxy tells when the whole page has gone on to the service.
      let pageSent = false;
      proxy.rewrite = (route, body) => {
        if (route === '/v1/sync/push') pageSent = true;
        return body;
      };
      const round = syncRound(pusher!).then(
        () => 'answered',
        (err: Error) => err.message,
      );
      const probe = openFolderDatabase(dataDir);
      try {
        probe.pragma('busy_timeout = 0');
        let busyInARow = 0;
        await vi.waitFor(
          () => {
            if (service.child.exitCode !== null) throw new Error('the service ended by itself');
            busyInARow = pageSent && writeLockHeld(probe) ? busyInARow + 1 : 0;
            if (busyInARow < BUSY_PROBES) throw new Error(`the page's transaction is not open yet (sent: ${pageSent})`);
          },
          { timeout: 30_000, interval: 2 },
        );
      } finally {
        probe.close();
      }
      service.child.kill('SIGKILL');
      expect(await service.exited).toBe('SIGKILL');
      expect(await round).toMatch(/Cannot reach the central service/);
      expect(count(pusher!, 'outbox')).toBe(PAGE_OPS);

      // Whole or absent, never part: killed inside the page's one transaction, none of it is there.
      const raw = openFolderDatabase(dataDir, { readonly: true });
      try {
        expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
        const place = opIds.map(() => '?').join(', ');
        const inRaw = (sql: string, ...params: unknown[]) =>
          raw
            .prepare(sql)
            .pluck()
            .get(...params) as number;
        expect(inRaw(`SELECT count(*) FROM applied_ops WHERE op_id IN (${place})`, ...opIds)).toBe(0);
        expect(inRaw(`SELECT count(*) FROM audit_events WHERE op_id IN (${place})`, ...opIds)).toBe(0);
        expect(inRaw("SELECT count(*) FROM applications WHERE state <> 'submitted'")).toBe(0);
        expect(inRaw('SELECT count(*) FROM invoices')).toBe(0);
        expect(inRaw('SELECT count(*) FROM sms_messages')).toBe(0);
        expect(inRaw('SELECT count(*) FROM application_history')).toBe(0);
      } finally {
        raw.close();
      }

      // The service started again on the same folder and address (in this process: one killed process is all the claim needs).
      restarted = await startCentralServer({ dataDir, port, sendSms: false });
      expect(await syncRound(pusher!)).toMatchObject({ sent: PAGE_OPS, applied: PAGE_OPS, duplicate: 0, rejected: [] });
      await syncRound(other!);
      await syncRound(pusher!);
      const server = restarted.desk;
      const inServer = (sql: string) => server.sqlite.prepare(sql).pluck().get() as number;
      expect(inServer("SELECT count(*) FROM applications WHERE state = 'approved'")).toBe(PAGE_OPS);
      expect(inServer('SELECT count(*) FROM invoices')).toBe(PAGE_OPS);
      expect(inServer("SELECT count(*) FROM sms_messages WHERE event = 'approved'")).toBe(PAGE_OPS);
      expect(inServer("SELECT count(DISTINCT op_id) FROM audit_events WHERE op_id IS NOT NULL AND action = 'application.approve'")).toBe(PAGE_OPS);
      for (const [i, d] of desks.entries()) {
        expect(snapshot(d), `desk ${i}`).toEqual(snapshot(server));
        expect(count(d, 'outbox'), `desk ${i} outbox`).toBe(0);
      }
    } finally {
      for (const d of desks) await d.close();
      await proxy.close();
      await restarted?.close();
      service.child.kill('SIGKILL');
      await service.exited;
    }
  }, 120_000);
});
