import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/main/core/actor.js';
import { openDesk } from '../../src/main/desk.js';
import { startWebServer, type WebServer } from '../../src/main/web/server.js';
import { WRONG_CODES_ALLOWED } from '../../src/main/web/firstRunCode.js';
import { tempDir } from './support/tempDesk.js';

const ADMIN = { username: 'ada', fullName: 'Ada Wanjiru', password: 'long enough password' };

let server: WebServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Browser mode on a fresh data folder: no administrator yet. */
async function start(dataDir = tempDir()): Promise<WebServer & { firstRunCode: string }> {
  const rendererDir = tempDir();
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>KMLTTB</title>');
  const s = await startWebServer({ dataDir, port: 0, rendererDir });
  server = s;
  if (!s.firstRunCode) throw new Error('A fresh desk in browser mode has no first-run code.');
  return { ...s, firstRunCode: s.firstRunCode };
}

async function post(s: WebServer, route: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(s.url + route, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as { ok: boolean; value?: any; error?: any } };
}

const admins = (s: WebServer) => s.desk.sqlite.prepare("SELECT count(*) FROM users WHERE role = 'admin'").pluck().get() as number;

describe('first run in browser mode', () => {
  it('says that the first run needs the one-time code, while no administrator exists', async () => {
    const s = await start();
    expect(s.firstRunCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const res = await fetch(`${s.url}/api/first-run`);
    expect(await res.json()).toEqual({ ok: true, value: { needsAdmin: true, hasData: false, codeRequired: true } });
  });

  it('refuses a first run without the code, or with a wrong one, and creates no administrator', async () => {
    const s = await start();
    const without = await post(s, '/api/first-run', { ...ADMIN, demo: false });
    expect(without.status).toBe(400);
    expect(without.body.error).toMatchObject({ code: 'invalid_input', field: 'code', message: expect.stringContaining('First-run code:') });
    const wrong = await post(s, '/api/first-run', { ...ADMIN, demo: false, code: 'AAAA-BBBB-CCCC' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toMatchObject({ code: 'invalid_input', field: 'code', message: expect.stringMatching(/^That one-time code is not right/) });
    expect(admins(s)).toBe(0);
  });

  it('creates the administrator and signs in with the right code, typed in lower case with spaces', async () => {
    const s = await start();
    const typed = s.firstRunCode.toLowerCase().replace(/-/g, ' ');
    const created = await post(s, '/api/first-run', { ...ADMIN, demo: false, code: typed });
    expect(created.body).toMatchObject({ ok: true, value: { user: { username: 'ada', role: 'admin' } } });
    const session = await fetch(`${s.url}/api/session`, { headers: { authorization: `Bearer ${created.body.value.token}` } });
    expect(await session.json()).toMatchObject({ ok: true, value: { user: { username: 'ada' } } });
    // Once an administrator exists, the code opens nothing more.
    const again = await post(s, '/api/first-run', { ...ADMIN, username: 'eve', demo: false, code: s.firstRunCode });
    expect(again.body.error).toMatchObject({ code: 'forbidden', message: 'An administrator exists already: sign in instead.' });
    expect(admins(s)).toBe(1);
    const state = await fetch(`${s.url}/api/first-run`);
    expect(await state.json()).toMatchObject({ ok: true, value: { needsAdmin: false, codeRequired: false } });
  });

  it(`stops taking the code after ${WRONG_CODES_ALLOWED} wrong ones, even the right one`, async () => {
    const s = await start();
    for (let i = 0; i < WRONG_CODES_ALLOWED; i++) {
      expect((await post(s, '/api/first-run', { ...ADMIN, demo: false, code: `WRONG-${i}` })).body.error.code).toBe('invalid_input');
    }
    const right = await post(s, '/api/first-run', { ...ADMIN, demo: false, code: s.firstRunCode });
    expect(right.status).toBe(429);
    expect(right.body.error).toMatchObject({ code: 'too_many_attempts', message: expect.stringContaining('start it again for a new code') });
    expect(admins(s)).toBe(0);
  });

  it('refuses a first run posted from another web site, even with the right code, and creates nothing', async () => {
    const s = await start();
    const res = await fetch(`${s.url}/api/first-run`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://evil.example' },
      body: JSON.stringify({ ...ADMIN, demo: false, code: s.firstRunCode }),
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(admins(s)).toBe(0);
    // The desk's own page (its Origin) is answered.
    const own = await post(s, '/api/first-run', { ...ADMIN, demo: false, code: s.firstRunCode }, { origin: s.url });
    expect(own.body).toMatchObject({ ok: true, value: { user: { username: 'ada' } } });
  });

  it('fills demo data while the SMS worker and the sync client run, and ends signed in', { timeout: 120_000 }, async () => {
    const s = await start();
    const r = await post(s, '/api/first-run', { ...ADMIN, demo: true, code: s.firstRunCode });
    expect(r.body).toMatchObject({ ok: true, value: { user: { username: 'ada', role: 'admin' } } });
    const apps = s.desk.sqlite.prepare('SELECT count(*) FROM applications').pluck().get() as number;
    expect(apps).toBeGreaterThan(0);
    // The desk's safety level is back to FULL (2) once the demo is made.
    expect(s.desk.sqlite.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('keeps the administrator when the demo data fails, says so, and lets them sign in', { timeout: 120_000 }, async () => {
    // A user 'officer' who is an auditor: the demo's officer may not decide, so the demo stops.
    const dataDir = tempDir();
    const before = openDesk(dataDir);
    const made = await before.dispatch(
      'user.create',
      { username: 'officer', fullName: 'Not An Officer', role: 'auditor', password: 'long enough password' },
      SYSTEM_ACTOR,
    );
    expect(made.ok).toBe(true);
    await before.close();

    const s = await start(dataDir);
    const r = await post(s, '/api/first-run', { ...ADMIN, demo: true, code: s.firstRunCode });
    expect(r.status).toBe(409);
    expect(r.body.error).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/^Your administrator account 'ada' was created, but the demo data could not be made: .+ Sign in with your new account\.$/),
    });
    expect(s.desk.sqlite.prepare("SELECT role FROM users WHERE username = 'ada'").pluck().get()).toBe('admin');
    expect(s.desk.sqlite.pragma('synchronous', { simple: true })).toBe(2);
    const signedIn = await post(s, '/api/session/login', { username: 'ada', password: ADMIN.password });
    expect(signedIn.body).toMatchObject({ ok: true, value: { user: { username: 'ada', role: 'admin' } } });
  });
});
