import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/main/core/actor.js';
import { LATEST_SCHEMA_VERSION } from '../../src/main/db/migrate.js';
import { openDesk } from '../../src/main/desk.js';
import { credentialsAsEnvironment } from '../../src/main/settings/credentials.js';
import { SYNC_PROTOCOL_VERSION } from '../../src/shared/contract/syncWire.js';
import { startCentralServer } from '../../src/server/start.js';
import { watchOutput } from './support/processOutput.js';
import { makeDesk, tempDir } from './support/tempDesk.js';

const UNIT_FILE = path.resolve('deploy/kmlttb-server.service');
const STARTUP_DEADLINE_MS = 45_000;
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** The unit's [Service] settings, each key with its values in order (Environment= and LoadCredential= come several times). */
function serviceSection(text: string): Map<string, string[]> {
  const settings = new Map<string, string[]>();
  let section = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      section = header[1]!;
      continue;
    }
    if (section !== 'Service') continue;
    const eq = line.indexOf('=');
    const key = line.slice(0, eq).trim();
    settings.set(key, [...(settings.get(key) ?? []), line.slice(eq + 1).trim()]);
  }
  return settings;
}

/** systemd's specifiers the unit uses: %S is /var/lib for a system service. */
const expandSpecifiers = (value: string, stateRoot: string) => value.replace(/%(.)/g, (_, c: string) => (c === 'S' ? stateRoot : c === '%' ? '%' : `%${c}`));

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('deploy/kmlttb-server.service', () => {
  const unit = serviceSection(fs.readFileSync(UNIT_FILE, 'utf8'));
  const one = (key: string) => unit.get(key)?.at(-1);

  it('runs as its own user in its state folder, restarts on failure, hardened, with its secrets as credentials', () => {
    expect(one('User')).toBe('kmlttb');
    expect(one('StateDirectory')).toBe('kmlttb');
    expect(one('Restart')).toBe('on-failure');
    for (const [key, value] of [
      ['NoNewPrivileges', 'yes'],
      ['ProtectSystem', 'strict'],
      ['ProtectHome', 'yes'],
      ['PrivateTmp', 'yes'],
      ['PrivateDevices', 'yes'],
      ['CapabilityBoundingSet', ''],
    ]) {
      expect(one(key!), key).toBe(value);
    }
    const credentials = (unit.get('LoadCredential') ?? []).map((c) => c.split(':')[0]);
    expect(credentials.sort()).toEqual(['db.key', 'server.ecitizenSecret']);
    expect(one('ExecStart')).toMatch(/ server --host 127\.0\.0\.1 --port \d+ --trust-proxy 127\.0\.0\.1$/);
  });

  it("starts with the unit's own command line, environment and credentials, answers health, and stops on SIGTERM", async () => {
    // What systemd would give it, on this machine: the state root, the app where the unit says
    // /opt/kmlttb (this checkout), this Node, a free port, and the credentials as files.
    const stateRoot = tempDir('kmlttb-state-');
    fs.mkdirSync(path.join(stateRoot, 'kmlttb'), { mode: 0o700 });
    const port = await freePort();
    const argv = one('ExecStart')!
      .split(/\s+/)
      .map((word) => expandSpecifiers(word, stateRoot))
      .map((word) => (word === '/usr/bin/node' ? process.execPath : word.replace(/^\/opt\/kmlttb\//, `${process.cwd()}/`)))
      .map((word, i, all) => (all[i - 1] === '--port' ? String(port) : word));
    const environment = Object.fromEntries(
      (unit.get('Environment') ?? []).map((assignment) => {
        const eq = assignment.indexOf('=');
        return [assignment.slice(0, eq), expandSpecifiers(assignment.slice(eq + 1), stateRoot)];
      }),
    );
    const credentialsDir = tempDir('kmlttb-credentials-');
    const dbKey = randomBytes(32).toString('hex');
    const values: Record<string, string> = { 'db.key': `${dbKey}\n`, 'server.ecitizenSecret': 'a-secret-shared-with-ecitizen\n' };
    for (const credential of unit.get('LoadCredential') ?? []) {
      const id = credential.split(':')[0]!;
      fs.writeFileSync(path.join(credentialsDir, id), values[id]!, { mode: 0o400 });
    }
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, ...environment, CREDENTIALS_DIRECTORY: credentialsDir };

    const [command, ...args] = argv;
    const child = spawn(command!, args, { cwd: expandSpecifiers(one('WorkingDirectory') ?? process.cwd(), stateRoot), env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    const out = watchOutput(child, 'the service');
    await out.until(/X-Forwarded-For as --trust-proxy or server\.trustProxy allows: 127\.0\.0\.1/, STARTUP_DEADLINE_MS);
    expect(out.text()).toContain(`Listening on http://127.0.0.1:${port}`);
    const health = await fetch(`http://127.0.0.1:${port}/v1/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', schemaVersion: LATEST_SCHEMA_VERSION, protocol: SYNC_PROTOCOL_VERSION });

    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
    // The credentials were read: eCitizen's secret is set, the key came from outside the folder.
    const output = await out.complete();
    expect(output).not.toMatch(/eCitizen requests are refused/);
    expect(output).not.toMatch(/database key is kept beside the data/);
    const dataDir = environment.KMLTTB_DATA!;
    expect(fs.readFileSync(path.join(dataDir, 'secrets.json'), 'utf8')).not.toContain(dbKey);
    expect(() => openDesk(dataDir)).toThrow(/is encrypted and its key is not here: set KMLTTB_DB_KEY/);
    process.env.KMLTTB_DB_KEY = dbKey;
    try {
      await openDesk(dataDir).close();
    } finally {
      delete process.env.KMLTTB_DB_KEY;
    }
  });

  it('passes systemd-analyze verify, where systemd is installed', (context) => {
    const which = spawnSync('systemd-analyze', ['--version'], { encoding: 'utf8' });
    if (which.error) {
      context.skip(`systemd-analyze is not installed here (${(which.error as NodeJS.ErrnoException).code}): the unit is checked on a machine with systemd.`);
    }
    // The unit as installed, except that Node is wherever it is on this machine.
    const copy = path.join(tempDir('kmlttb-unit-'), 'kmlttb-server.service');
    fs.writeFileSync(copy, fs.readFileSync(UNIT_FILE, 'utf8').replace('/usr/bin/node', process.execPath));
    const verify = spawnSync('systemd-analyze', ['verify', copy], { encoding: 'utf8' });
    expect(verify.stderr).toBe('');
    expect(verify.status).toBe(0);
  });
});

describe('credentials from $CREDENTIALS_DIRECTORY', () => {
  it('give each secret its variable, unless the environment sets it; an empty file is named', () => {
    const dir = tempDir('kmlttb-credentials-');
    fs.writeFileSync(path.join(dir, 'db.key'), 'ab'.repeat(32) + '\r\n');
    fs.writeFileSync(path.join(dir, 'server.ecitizenSecret'), 'from-the-file\n');
    fs.writeFileSync(path.join(dir, 'unrelated'), 'ignored');
    expect(credentialsAsEnvironment({ CREDENTIALS_DIRECTORY: dir })).toEqual({ KMLTTB_DB_KEY: 'ab'.repeat(32), KMLTTB_ECITIZEN_SECRET: 'from-the-file' });
    expect(credentialsAsEnvironment({ CREDENTIALS_DIRECTORY: dir, KMLTTB_ECITIZEN_SECRET: 'given' })).toEqual({ KMLTTB_DB_KEY: 'ab'.repeat(32) });
    expect(credentialsAsEnvironment({})).toEqual({});
    fs.writeFileSync(path.join(dir, 'sms.apiKey'), '\n');
    expect(() => credentialsAsEnvironment({ CREDENTIALS_DIRECTORY: dir })).toThrow(`The credential sms.apiKey at ${path.join(dir, 'sms.apiKey')} is empty.`);
  });
});

describe('the public address', () => {
  it('comes from server.publicUrl, or from --public-url over it, and names the delivery-report callback', async () => {
    const t = await makeDesk();
    expect((await t.desk.dispatch('setting.set', { key: 'server.publicUrl', value: 'http://licensing.example' }, SYSTEM_ACTOR)).ok).toBe(false);
    expect((await t.desk.dispatch('setting.set', { key: 'server.publicUrl', value: 'https://licensing.kmlttb.go.ke/' }, SYSTEM_ACTOR)).ok).toBe(true);
    await t.desk.close();
    const fromSetting = await startCentralServer({ dataDir: t.dir, port: 0, sendSms: false });
    try {
      expect(fromSetting.publicUrl).toBe('https://licensing.kmlttb.go.ke');
      expect(fromSetting.deliveryReportUrl).toMatch(/^https:\/\/licensing\.kmlttb\.go\.ke\/v1\/sms\/delivery-reports\/[A-Za-z0-9_-]+$/);
    } finally {
      await fromSetting.close();
    }
    const fromOption = await startCentralServer({ dataDir: t.dir, port: 0, sendSms: false, publicUrl: 'https://desks.kmlttb.go.ke' });
    try {
      expect(fromOption.deliveryReportUrl).toMatch(/^https:\/\/desks\.kmlttb\.go\.ke\/v1\/sms\/delivery-reports\//);
    } finally {
      await fromOption.close();
    }
  });
});
