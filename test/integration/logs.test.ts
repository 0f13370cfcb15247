import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/main/core/actor.js';
import { openDesk, type Desk } from '../../src/main/desk.js';
import { logsDirOf, openFileLog, type FileLog } from '../../src/main/log/logger.js';
import { startWebServer } from '../../src/main/web/server.js';
import { startCentralServer, type CentralServer } from '../../src/server/start.js';
import { logLines, logText } from './support/logFiles.js';
import { tempDir } from './support/tempDesk.js';

const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const o of opened.splice(0).reverse()) await o.close();
});

async function fileLog(dir: string): Promise<FileLog> {
  const log = await openFileLog(dir, 'test');
  opened.push(log);
  return log;
}

const mode = (file: string) => fs.statSync(file).mode & 0o777;

describe("the data folder's log", () => {
  it("holds an internal error's reference with its stack, in logs/ readable by its owner only", async () => {
    const dir = tempDir();
    const log = await fileLog(dir);
    const desk: Desk = openDesk(dir, { log: log.logger });
    opened.push(desk);
    vi.spyOn(desk.handlers.queries['sync.status'], 'run').mockRejectedValueOnce(new Error('a fault nobody expected'));

    const answer = await desk.query('sync.status', {}, SYSTEM_ACTOR);
    expect(answer.ok).toBe(false);
    const ref = answer.ok ? '' : answer.error.ref!;
    expect(ref).toMatch(/^[0-9A-F]{8}$/);

    await log.close();
    const line = logLines(dir).find((l) => l.ref === ref);
    expect(line).toMatchObject({ level: 50, name: 'test', context: 'query sync.status', err: { message: 'a fault nobody expected' } });
    expect((line!.err as { stack: string }).stack).toMatch(/Error: a fault nobody expected\n\s+at /);
    const logs = logsDirOf(dir);
    expect(mode(logs)).toBe(0o700);
    const files = fs.readdirSync(logs);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^kmlttb\.\d{4}-\d{2}-\d{2}\.1\.log$/);
    expect(mode(`${logs}/${files[0]}`)).toBe(0o600);
  });
});

describe("the central service's log", () => {
  const NATIONAL_ID = '31415926';
  const TOKEN = 'tok-7f3a9c-never-in-a-log';
  const QUERY_SECRET = 'qs-5b2e-never-in-a-log';
  const PATH_TOKEN = 'pt0123456789abcdefNEVERinALOG';

  async function server(dir: string): Promise<CentralServer> {
    const log = await fileLog(dir);
    const s = await startCentralServer({ dataDir: dir, port: 0, sendSms: false, log: log.logger });
    opened.push(s);
    const set = await s.desk.dispatch('setting.set', { key: 'server.ecitizenSecret', value: 'shared-secret' }, SYSTEM_ACTOR);
    expect(set.ok).toBe(true);
    return s;
  }

  it('logs each request (method, route, status, time) and an internal error with its reference and stack, but no body, header, token or personal data', async () => {
    const dir = tempDir();
    const s = await server(dir);
    const body = JSON.stringify({ application_ref: 'ECZ-LOG-1', national_id: NATIONAL_ID, first_name: 'Wanjiku', phone: '0712345678', token: TOKEN });
    const signature = `sha256=${createHmac('sha256', 'shared-secret').update(body).digest('hex')}`;
    vi.spyOn(s.desk, 'setting').mockImplementationOnce(() => {
      throw new Error('a fault nobody expected');
    });

    const failed = await fetch(`${s.url}/v1/ecitizen/applications?token=${QUERY_SECRET}`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'x-signature': signature, authorization: `Bearer ${TOKEN}`, apikey: TOKEN },
    });
    expect(failed.status).toBe(500);
    const ref = /reference ([0-9A-F]{8})/.exec(((await failed.json()) as { message: string }).message)?.[1];
    expect(ref).toBeDefined();
    const unknown = await fetch(`${s.url}/v1/sms/delivery-reports/${PATH_TOKEN}`, {
      method: 'POST',
      body: 'id=1&status=Success',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(unknown.status).toBe(404);

    await vi.waitFor(() => expect(logLines(dir).filter((l) => l.msg === 'request')).toHaveLength(2));
    await s.close();
    const lines = logLines(dir);
    const requests = lines.filter((l) => l.msg === 'request');
    expect(requests[0]).toMatchObject({ component: 'http', method: 'POST', route: '/v1/ecitizen/applications', status: 500, ms: expect.any(Number) });
    expect(requests[1]).toMatchObject({ method: 'POST', route: '/v1/sms/delivery-reports/:token', status: 404 });
    const error = lines.find((l) => l.ref === ref)!;
    expect(error).toMatchObject({ level: 50, route: '/v1/ecitizen/applications', err: { message: 'a fault nobody expected' } });
    expect((error.err as { stack: string }).stack).toMatch(/\n\s+at /);

    const text = logText(dir);
    for (const secret of [NATIONAL_ID, TOKEN, QUERY_SECRET, PATH_TOKEN, 'Wanjiku', '0712345678', 'shared-secret', signature])
      expect(text).not.toContain(secret);
  });
});

describe("browser mode's log", () => {
  it('logs each request by its route, never the password a sign-in sends nor the session token', async () => {
    const dir = tempDir();
    const log = await fileLog(dir);
    const rendererDir = tempDir();
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>KMLTTB</title>');
    const web = await startWebServer({ dataDir: dir, port: 0, rendererDir, sendSms: false, log: log.logger });
    opened.push(web);
    const password = 'pw-never-in-a-log-8841';
    const token = 'bearer-never-in-a-log-5521';
    const login = await fetch(`${web.url}/api/session/login`, {
      method: 'POST',
      body: JSON.stringify({ username: 'nobody', password }),
      headers: { 'content-type': 'application/json' },
    });
    expect(login.status).toBe(401);
    await fetch(`${web.url}/api/query/users.list`, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    });

    await vi.waitFor(() => expect(logLines(dir).filter((l) => l.msg === 'request')).toHaveLength(2));
    expect(
      logLines(dir)
        .filter((l) => l.msg === 'request')
        .map((l) => [l.route, l.status]),
    ).toEqual([
      ['/api/session/login', 401],
      ['/api/query/:name', 401],
    ]);
    expect(logText(dir)).not.toContain(password);
    expect(logText(dir)).not.toContain(token);
  });
});

describe('Help, About', () => {
  it('names the product and the version of package.json, the data folder and its logs folder, for anyone signed in', async () => {
    const pkg = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { productName: string; version: string };
    const dir = tempDir();
    const desk = openDesk(dir);
    opened.push(desk);
    expect(await desk.query('desk.about', {}, SYSTEM_ACTOR)).toEqual({
      ok: true,
      value: { productName: pkg.productName, version: pkg.version, dataDir: dir, logsDir: logsDirOf(dir) },
    });
  });
});
