import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import https from 'node:https';
import { afterAll, describe, expect, it } from 'vitest';
import { KEY_BESIDE_DATA_NOTICE as KEY_NOTICE } from '../../src/main/db/databaseKey.js';
import { LATEST_SCHEMA_VERSION } from '../../src/main/db/migrate.js';
import { SYNC_PROTOCOL_VERSION } from '../../src/shared/contract/syncWire.js';
import { openDesk } from '../../src/main/desk.js';
import { startCentralServer } from '../../src/server/start.js';
import { watchOutput, type ProcessOutput } from './support/processOutput.js';
import { makeTestCertificate } from './support/tlsCertificate.js';
import { count, makeDesk, PASSWORD, tempDir } from './support/tempDesk.js';

const STARTUP_DEADLINE_MS = 45_000;
const children: ChildProcess[] = [];

const LISTENING = /Listening on (https?:\/\/127\.0\.0\.1:\d+)/;

/** Starts `kmlttb server` and resolves with its address once it prints the Listening line. */
async function startServer(
  dataDir: string,
  args: string[] = [],
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; url: string; output: ProcessOutput }> {
  const child = spawn('node', ['bin/kmlttb.js', 'server', '--data', dataDir, '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  children.push(child);
  const output = watchOutput(child, 'kmlttb server');
  await output.until(LISTENING, STARTUP_DEADLINE_MS);
  return { child, url: LISTENING.exec(output.text())![1]!, output };
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
    const res = await fetch(`${url}/v1/health`);
    expect(await res.json()).toEqual({ status: 'ok', schemaVersion: LATEST_SCHEMA_VERSION, protocol: SYNC_PROTOCOL_VERSION });
    // The last line of its start-up notes.
    await output.until('eCitizen requests are refused (401)', 10_000);
    expect(output.text()).toMatch(/SMS delivery reports: made a new token.*\/v1\/sms\/delivery-reports\/[A-Za-z0-9_-]{32}/);
    expect(output.text()).toMatch(/eCitizen requests are refused \(401\) until the shared secret is set/);
    expect(output.text()).toContain(
      'SMS delivery reports: the gateway cannot reach a loopback address; give --public-url URL (or set server.publicUrl), the address outside systems use.',
    );

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

    // On a joined desk an import needs a user: the service takes no change its user did not sign.
    const statement = path.join(tempDir(), 'notifications.csv');
    fs.writeFileSync(
      statement,
      'invoice_number,client_invoice_ref,amount_paid,invoice_amount,currency,payment_date,payment_channel,phone_number,status\n' +
        'ECZ-1,LB0000001,3000.00,3000.00,KES,2026-11-20 09:15:00+03:00,M-PESA,254712000010,settled\n',
    );
    const unsigned = kmlttb('--data', desk, 'import', 'payments', statement);
    expect(unsigned.code).toBe(1);
    expect(unsigned.err).toMatch(/takes a change only from the user who made it.*--user U --password-file F/);
    const signed = kmlttb('--data', desk, '--user', 'admin', '--password-file', passwordFile, 'import', 'payments', statement);
    expect(signed.err).toBe('');
    expect(signed.code).toBe(0);
    expect(kmlttb('--data', desk, 'sync').out).toContain('Ops sent: 1; applied: 1; duplicate: 0; rejected: 0.');

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
    const plain = (what: string, address: string) =>
      `${what} '${address}' uses plain http://, which is refused except to this computer (127.0.0.1, ::1, localhost): use https://.`;
    const dir = tempDir();
    const sync = kmlttb('--data', dir, '--user', 'admin', '--password-file', 'unread', 'sync', '--server', 'http://example.org');
    expect(sync).toMatchObject({ code: 1, err: `${KEY_NOTICE}\nkmlttb: ${plain('--server', 'http://example.org')}\n` });
    const setServer = kmlttb('--data', dir, 'config', 'set', 'sync.serverUrl', 'http://example.org');
    expect(setServer).toMatchObject({
      code: 1,
      err: expect.stringMatching(/^kmlttb: sync.serverUrl uses plain http:\/\/, which is refused except to this computer/),
    });
    const setGateway = kmlttb('--data', dir, 'config', 'set', 'sms.baseUrl', 'http://api.africastalking.com');
    expect(setGateway).toMatchObject({ code: 1, err: expect.stringMatching(/^kmlttb: sms.baseUrl uses plain http:\/\//) });
    const envGateway = kmlttbWith(
      { KMLTTB_SMS_BASE_URL: 'http://api.africastalking.com', KMLTTB_SMS_USERNAME: 'kmlttb', KMLTTB_SMS_API_KEY: 'atsk_test_0123456789' },
      '--data',
      dir,
      'sms',
      'send-pending',
    );
    expect(envGateway).toMatchObject({
      code: 1,
      err: `kmlttb: The SMS gateway cannot be used: ${plain('KMLTTB_SMS_BASE_URL', 'http://api.africastalking.com')} 0 messages wait in the queue.\n`,
    });

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

/** GET over HTTPS trusting only `ca`, as a desk given NODE_EXTRA_CA_CERTS does. */
function getJson(url: string, ca: Buffer): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { ca }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          text += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as unknown }));
      })
      .on('error', reject);
  });
}

describe('kmlttb server over HTTPS', () => {
  it('serves HTTPS with --tls-cert and --tls-key; a desk that trusts the certificate (NODE_EXTRA_CA_CERTS) syncs, one that does not is told why', async () => {
    const { certFile, keyFile } = makeTestCertificate();
    const t = await makeDesk();
    const users = count(t.desk, 'users');
    await t.desk.close();
    const insecureGateway = { KMLTTB_SMS_BASE_URL: 'http://api.africastalking.com', KMLTTB_SMS_USERNAME: 'kmlttb', KMLTTB_SMS_API_KEY: 'atsk_test_0123456789' };
    const { child, url, output } = await startServer(
      t.dir,
      ['--tls-cert', certFile, '--tls-key', keyFile, '--public-url', 'https://licensing.kmlttb.go.ke/'],
      insecureGateway,
    );
    expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    // The last line it prints at start: the others are there by then.
    await output.until('eCitizen requests are refused (401)', 10_000);
    expect(output.text()).toMatch(
      /SMS delivery reports: made a new token\. Give the gateway this callback address: https:\/\/licensing\.kmlttb\.go\.ke\/v1\/sms\/delivery-reports\/[A-Za-z0-9_-]{32}\n/,
    );
    expect(output.text()).not.toContain('cannot reach a loopback address');
    expect(output.text()).toContain(
      "SMS wait in the queue: The SMS gateway cannot be used: KMLTTB_SMS_BASE_URL 'http://api.africastalking.com' uses plain http://",
    );

    expect(await getJson(`${url}/v1/health`, fs.readFileSync(certFile))).toEqual({
      status: 200,
      body: { status: 'ok', schemaVersion: LATEST_SCHEMA_VERSION, protocol: SYNC_PROTOCOL_VERSION },
    });

    const desk = tempDir();
    const passwordFile = path.join(tempDir(), 'pw');
    fs.writeFileSync(passwordFile, `${PASSWORD}\n`);
    const join = ['--data', desk, '--user', 'admin', '--password-file', passwordFile, 'sync', '--server', url];
    const { NODE_EXTRA_CA_CERTS: _ignored, ...untrusting } = process.env;
    const untrusted = spawnSync('node', ['bin/kmlttb.js', ...join], { encoding: 'utf8', env: untrusting });
    expect(untrusted.status).toBe(1);
    expect(untrusted.stderr).toMatch(
      new RegExp(
        `^${escapeRegExp(KEY_NOTICE)}\\nkmlttb: Cannot reach the central service at ${url}: its certificate is not trusted here \\([A-Z_]+\\): when the Board signs its own, point NODE_EXTRA_CA_CERTS at the Board's CA certificate\\.\\n$`,
      ),
    );

    const joined = kmlttbWith({ NODE_EXTRA_CA_CERTS: certFile }, ...join);
    expect(joined).toMatchObject({ code: 0, err: '' });
    expect(joined.out).toContain(`Joined ${url} as 'Main desk'`);
    expect(joined.out).toMatch(/Ops sent: 0; applied: 0; duplicate: 0; rejected: 0\.\nChanges received: [1-9]\d*\./);
    const d = openDesk(desk);
    try {
      expect(d.syncEnabled()).toBe(true);
      expect(count(d, 'users')).toBe(users);
    } finally {
      await d.close();
    }

    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
  }, 120_000);

  it('takes --tls-cert and --tls-key together only, names a file it cannot use, and refuses a plain http:// public address', async () => {
    const { certFile, keyFile } = makeTestCertificate();
    const alone = kmlttb('--data', tempDir(), 'server', '--port', '0', '--tls-cert', certFile);
    expect(alone.code).toBe(2);
    expect(alone.err).toMatch(/^error: --tls-cert and --tls-key go together: give both, or neither\./);
    const missing = path.join(tempDir(), 'missing.pem');
    const unreadable = kmlttb('--data', tempDir(), 'server', '--port', '0', '--tls-cert', missing, '--tls-key', keyFile);
    expect(unreadable).toMatchObject({ code: 1, err: `kmlttb: Cannot read the TLS certificate file '${missing}': it does not exist.\n` });
    const swapped = kmlttb('--data', tempDir(), 'server', '--port', '0', '--tls-cert', keyFile, '--tls-key', certFile);
    expect(swapped).toMatchObject({ code: 1, err: `kmlttb: The TLS certificate file '${keyFile}' holds no PEM certificate.\n` });

    const otherKey = path.join(tempDir(), 'other-key.pem');
    fs.writeFileSync(otherKey, generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const dataDir = path.join(tempDir(), 'not-made');
    await expect(startCentralServer({ dataDir, port: 0, tls: { certFile, keyFile: otherKey } })).rejects.toThrow(
      `The TLS key file '${otherKey}' does not belong to the certificate in '${certFile}'.`,
    );
    await expect(startCentralServer({ dataDir, port: 0, publicUrl: 'http://licensing.kmlttb.go.ke' })).rejects.toThrow(
      "--public-url 'http://licensing.kmlttb.go.ke' uses plain http://, which is refused except to this computer",
    );
    expect(fs.existsSync(dataDir)).toBe(false);
  }, 120_000);
});

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
