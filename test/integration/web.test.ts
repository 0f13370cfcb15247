import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebServer, type WebServer } from '../../src/main/web/server.js';
import { makeDesk, PASSWORD, seedApplication, tempDir } from './support/tempDesk.js';

let server: WebServer;
let applicationId: string;

beforeAll(async () => {
  const t = await makeDesk();
  applicationId = seedApplication(t.desk);
  await t.desk.close();
  const rendererDir = tempDir();
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>KMLTTB</title>');
  server = await startWebServer({ dataDir: t.dir, port: 0, rendererDir });
});
afterAll(async () => {
  await server?.close();
});

async function call(route: string, body: unknown, token?: string) {
  const res = await fetch(server.url + route, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { ok: boolean; value?: any; error?: any } };
}
/** A raw request, so that the test chooses the Host header (fetch always sends the URL's). */
function raw(method: string, route: string, headers: Record<string, string>, body?: string): Promise<{ status: number; type: string; text: string }> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: route, headers, setHost: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'] ?? '', text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
const signIn = async (username: string) => (await call('/api/session/login', { username, password: PASSWORD })).body.value.token as string;

describe('browser mode over HTTP', () => {
  it('listens on 127.0.0.1 and serves the UI with a content security policy', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(server.url + '/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('prints no first-run code and asks for none once an administrator exists', async () => {
    expect(server.firstRunCode).toBeNull();
    const state = await fetch(`${server.url}/api/first-run`);
    expect(await state.json()).toEqual({ ok: true, value: { needsAdmin: false, hasData: true, codeRequired: false } });
  });

  it('refuses calls without a session', async () => {
    const r = await call('/api/query/applications.list', {});
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('not_signed_in');
  });

  it('lets an officer read the queue and approve through the same commands', async () => {
    const token = await signIn('officer');
    const list = await call('/api/query/applications.list', { state: 'submitted' }, token);
    expect(list.status).toBe(200);
    expect(list.body.value.total).toBe(1);
    const approved = await call('/api/command/application.approve', { applicationId }, token);
    expect(approved.body).toMatchObject({ ok: true, value: { state: 'approved' } });
  });

  it('refuses a command the role may not send, even when sent by hand', async () => {
    const token = await signIn('auditor');
    const r = await call('/api/command/application.reject', { applicationId, reason: 'Trying my luck' }, token);
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('forbidden');
  });

  it('runs an export in the background and hands over the file to its owner only', async () => {
    const token = await signIn('auditor');
    const started = await call('/api/exports', { report: 'applications', format: 'csv' }, token);
    expect(started.body).toMatchObject({ ok: true, value: { state: 'running', fileName: expect.stringMatching(/^applications-.*\.csv$/) } });
    const id = started.body.value.id as string;
    const deadline = Date.now() + 10_000;
    let state = 'running';
    while (state === 'running' && Date.now() < deadline) {
      const res = await fetch(`${server.url}/api/exports/${id}`, { headers: { authorization: `Bearer ${token}` } });
      state = ((await res.json()) as { value: { state: string } }).value.state;
    }
    expect(state).toBe('done');
    const file = await fetch(`${server.url}/api/exports/${id}/file`, { headers: { authorization: `Bearer ${token}` } });
    expect(file.headers.get('content-disposition')).toMatch(/attachment; filename="applications-/);
    expect((await file.text()).split('\n')[0]).toMatch(/^application_ref,submitted_at/);
    const other = await signIn('officer');
    expect((await fetch(`${server.url}/api/exports/${id}/file`, { headers: { authorization: `Bearer ${other}` } })).status).toBe(404);
    expect((await call('/api/exports', { report: 'audit', format: 'csv' }, other)).status).toBe(403);
  });

  it('answers a wrong password with 401 and an unknown command with 404', async () => {
    expect((await call('/api/session/login', { username: 'officer', password: 'nope' })).status).toBe(401);
    const token = await signIn('admin');
    expect((await call('/api/command/application.delete', {}, token)).status).toBe(404);
  });
});

describe('browser mode refuses requests that other web sites make', () => {
  const port = () => new URL(server.url).port;
  const login = JSON.stringify({ username: 'officer', password: PASSWORD });
  const json = { 'content-type': 'application/json' };
  const sessions = () => server.desk.sqlite.prepare('SELECT count(*) FROM sessions').pluck().get() as number;

  it('answers its own addresses: 127.0.0.1 and localhost on its port', async () => {
    expect((await raw('GET', '/', { host: `127.0.0.1:${port()}` })).status).toBe(200);
    expect((await raw('GET', '/api/first-run', { host: `localhost:${port()}` })).status).toBe(200);
  });

  it('refuses a foreign Host (DNS rebinding), another port, or none, with a short plain message', async () => {
    for (const host of [`evil.example:${port()}`, 'evil.example', `127.0.0.1:${Number(port()) + 1}`, '127.0.0.1', `localhost.evil.example:${port()}`]) {
      const res = await raw('GET', '/', { host });
      expect(res.status, host).toBe(403);
      expect(res.type).toMatch(/^text\/plain/);
      expect(res.text).toBe(`This desk answers only at http://127.0.0.1:${port()}/ or http://localhost:${port()}/.`);
    }
    // Without any Host, Node's HTTP server answers 400 before the desk sees the request.
    expect([400, 403]).toContain((await raw('GET', '/', {})).status);
  });

  it('refuses a POST with a foreign Host and changes nothing', async () => {
    const before = sessions();
    const res = await raw('POST', '/api/session/login', { ...json, host: `rebound.example:${port()}` }, login);
    expect(res.status).toBe(403);
    expect(sessions()).toBe(before);
  });

  it('refuses a POST whose Origin is another site, and changes nothing', async () => {
    const before = sessions();
    for (const origin of [
      'http://evil.example',
      `http://evil.example:${port()}`,
      `https://127.0.0.1:${port()}`,
      `http://127.0.0.1:${Number(port()) + 1}`,
      'null',
    ]) {
      const res = await raw('POST', '/api/session/login', { ...json, host: `127.0.0.1:${port()}`, origin }, login);
      expect(res.status, origin).toBe(403);
      expect(res.text).toMatch(/^Refused: this request came from another web site/);
    }
    expect(sessions()).toBe(before);
  });

  it("answers a POST from the desk's own page (its Origin) and from a program that sends no Origin", async () => {
    for (const origin of [`http://127.0.0.1:${port()}`, `http://localhost:${port()}`]) {
      const res = await raw('POST', '/api/session/login', { ...json, host: `127.0.0.1:${port()}`, origin }, login);
      expect(res.status, origin).toBe(200);
    }
    expect((await call('/api/session/login', { username: 'officer', password: PASSWORD })).status).toBe(200);
  });
});
