import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../src/main/db/migrate.js';
import { SYNC_PROTOCOL_VERSION } from '../../src/shared/contract/syncWire.js';
import { openDesk } from '../../src/main/desk.js';
import { count, tempDir } from './support/tempDesk.js';

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
  return kmlttbWith({}, ...args);
}

function kmlttbWith(env: Record<string, string>, ...args: string[]) {
  const r = spawnSync('node', ['bin/kmlttb.js', ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
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
    const serverDir = tempDir();
    const passwordFile = path.join(tempDir(), 'pw');
    fs.writeFileSync(passwordFile, 'a-long-admin-password\n');
    expect(kmlttb('--data', serverDir, 'init', '--admin', 'admin', '--password-file', passwordFile).code).toBe(0);
    const { child, url, output } = await startServer(serverDir);
    children.push(child);
    const res = await fetch(`${url}/v1/health`);
    expect(await res.json()).toEqual({ status: 'ok', schemaVersion: LATEST_SCHEMA_VERSION, protocol: SYNC_PROTOCOL_VERSION });
    expect(output()).toMatch(/SMS delivery reports: made a new token.*\/v1\/sms\/delivery-reports\/[A-Za-z0-9_-]{32}/);
    expect(output()).toMatch(/eCitizen requests are refused \(401\) until the shared secret is set/);

    // A desk that has not joined must sign in to the service once; then it pushes and pulls.
    const desk = tempDir();
    const first = kmlttb('--data', desk, 'sync', '--server', url);
    expect(first.code).toBe(1);
    expect(first.err).toMatch(/has not joined .* --user U --password-file F/);
    const joined = kmlttb('--data', desk, '--user', 'admin', '--password-file', passwordFile, 'sync', '--server', url);
    expect(joined.err).toBe('');
    expect(joined.code).toBe(0);
    expect(joined.out).toMatch(/Joined http:\/\/127\.0\.0\.1:\d+ as 'Main desk'; 1 users can sign in here/);
    expect(joined.out).toMatch(/Ops sent: 0; applied: 0; duplicate: 0; rejected: 0\.\nChanges received: \d+\./);
    const again = kmlttb('--data', desk, 'sync');
    expect(again.code).toBe(0);
    expect(again.out).toContain('Ops sent: 0; applied: 0; duplicate: 0; rejected: 0.');

    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
  });

  it('kmlttb sync exits 1 naming the server when it cannot be reached, or when none is set', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const down = kmlttb('--data', tempDir(), 'sync', '--server', url);
    expect(down.code).toBe(1);
    expect(down.err).toContain(`Cannot reach the central service at ${url}: connection refused`);

    const dir = tempDir();
    expect(kmlttb('--data', dir, 'config', 'set', 'sync.serverUrl', url).code).toBe(0);
    expect(kmlttb('--data', dir, 'sync').err).toContain(`Cannot reach the central service at ${url}`);

    const none = kmlttb('--data', tempDir(), 'sync');
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/No central service: give --server URL/);
  });

  it('refuses plain http:// to another computer for the central service and the SMS gateway, changing nothing', async () => {
    const plain = (what: string, address: string) => `${what} '${address}' uses plain http://, which is refused except to this computer (127.0.0.1, ::1, localhost): use https://.`;
    const dir = tempDir();
    const sync = kmlttb('--data', dir, '--user', 'admin', '--password-file', 'unread', 'sync', '--server', 'http://example.org');
    expect(sync).toMatchObject({ code: 1, err: `kmlttb: ${plain('--server', 'http://example.org')}\n` });
    const setServer = kmlttb('--data', dir, 'config', 'set', 'sync.serverUrl', 'http://example.org');
    expect(setServer).toMatchObject({ code: 1, err: expect.stringMatching(/^kmlttb: sync.serverUrl uses plain http:\/\/, which is refused except to this computer/) });
    const setGateway = kmlttb('--data', dir, 'config', 'set', 'sms.baseUrl', 'http://api.africastalking.com');
    expect(setGateway).toMatchObject({ code: 1, err: expect.stringMatching(/^kmlttb: sms.baseUrl uses plain http:\/\//) });
    const envGateway = kmlttbWith({ KMLTTB_SMS_BASE_URL: 'http://api.africastalking.com', KMLTTB_SMS_USERNAME: 'kmlttb', KMLTTB_SMS_API_KEY: 'atsk_test_0123456789' },
      '--data', dir, 'sms', 'send-pending');
    expect(envGateway).toMatchObject({ code: 1, err: `kmlttb: The SMS gateway cannot be used: ${plain('KMLTTB_SMS_BASE_URL', 'http://api.africastalking.com')} 0 messages wait in the queue.\n` });

    const desk = openDesk(dir);
    try {
      expect(desk.syncEnabled()).toBe(false);
      expect([desk.setting('sync.serverUrl'), desk.setting('sms.baseUrl')]).toEqual(['', 'https://api.africastalking.com']);
      expect(count(desk, 'audit_events', "action = 'setting.set'")).toBe(0);
    } finally {
      await desk.close();
    }
  }, 120_000);
});
