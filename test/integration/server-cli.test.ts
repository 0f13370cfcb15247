import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../src/main/db/migrate.js';
import { tempDir } from './support/tempDesk.js';

const STARTUP_DEADLINE_MS = 45_000;

/** Starts `kmlttb server` and resolves with its address once it prints the Listening line. */
function startServer(dataDir: string): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn('node', ['bin/kmlttb.js', 'server', '--data', dataDir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`kmlttb server did not start in time:\n${out}`)), STARTUP_DEADLINE_MS);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /Listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1]!, output: () => out });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => { out += chunk.toString(); });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`kmlttb server exited (${code}) before listening:\n${out}`)); });
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

function kmlttb(...args: string[]) {
  const r = spawnSync('node', ['bin/kmlttb.js', ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A port nothing listens on: taken from the system, then let go. */
async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

describe('kmlttb server and kmlttb sync', () => {
  it('kmlttb server listens on 127.0.0.1, answers health, and stops cleanly on SIGTERM', async () => {
    const { child, url, output } = await startServer(tempDir());
    children.push(child);
    const res = await fetch(`${url}/v1/health`);
    expect(await res.json()).toEqual({ status: 'ok', schemaVersion: LATEST_SCHEMA_VERSION });
    expect(output()).toMatch(/SMS delivery reports: made a new token.*\/v1\/sms\/delivery-reports\/[A-Za-z0-9_-]{32}/);
    expect(output()).toMatch(/eCitizen requests are refused \(401\) until the shared secret is set/);

    // A desk reaches it, and says honestly that push and pull are not built yet.
    const sync = kmlttb('--data', tempDir(), 'sync', '--server', url);
    expect(sync.code).toBe(1);
    expect(sync.out).toMatch(/Reached the central service/);
    expect(sync.err).toMatch(/Push and pull are not built yet/);

    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
  });

  it('kmlttb sync exits 1 naming the server when it cannot be reached, or when none is set', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const down = kmlttb('--data', tempDir(), 'sync', '--server', url);
    expect(down.code).toBe(1);
    expect(down.err).toContain(`Cannot reach the sync server at ${url}: connection refused`);

    const dir = tempDir();
    expect(kmlttb('--data', dir, 'config', 'set', 'sync.serverUrl', url).code).toBe(0);
    expect(kmlttb('--data', dir, 'sync').err).toContain(`Cannot reach the sync server at ${url}`);

    const none = kmlttb('--data', tempDir(), 'sync');
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/No sync server: give --server URL/);
  });
});
