import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/main/core/actor.js';
import { startWebServer, type WebServer } from '../../src/main/web/server.js';
import { makeDesk, PASSWORD, seedApplication, tempDir } from './support/tempDesk.js';

let server: WebServer;
const applicationIds: string[] = [];

beforeAll(async () => {
  const t = await makeDesk();
  for (let i = 0; i < 2; i++) applicationIds.push(seedApplication(t.desk, { ref: `ECZ-EVT-${i}`, nationalId: `3100000${i}` }));
  await t.desk.close();
  const rendererDir = tempDir();
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>KMLTTB</title>');
  server = await startWebServer({ dataDir: t.dir, port: 0, rendererDir, sendSms: false });
});
afterAll(async () => {
  await server?.close();
});

async function post(route: string, body: unknown, token?: string) {
  const res = await fetch(server.url + route, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return (await res.json()) as { ok: boolean; value?: any; error?: any };
}
const signIn = async (username: string) => (await post('/api/session/login', { username, password: PASSWORD })).value.token as string;

/** `GET /api/events` read as it comes: each `changed` event's entities, in order, and whether the stream has ended. */
async function openEvents(token?: string) {
  const res = await fetch(`${server.url}/api/events`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const events: string[][] = [];
  let ended = false;
  if (res.ok && res.body) {
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        for (let cut = buffer.indexOf('\n\n'); cut >= 0; cut = buffer.indexOf('\n\n')) {
          const lines = buffer.slice(0, cut).split('\n');
          buffer = buffer.slice(cut + 2);
          if (lines[0] === 'event: changed') events.push(JSON.parse(lines[1]!.slice('data: '.length)) as string[]);
        }
      }
    })()
      .catch(() => undefined)
      .finally(() => {
        ended = true;
      });
  }
  return { res, events, hasEnded: () => ended };
}

/** Polls with a deadline (never a fixed sleep). */
async function until(check: () => boolean, what: string, deadlineMs = 5_000): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('browser mode: the change event stream', () => {
  it('is refused without a valid session, like any API call', async () => {
    for (const token of [undefined, 'not-a-session']) {
      const { res } = await openEvents(token);
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    }
  });

  it("tells a signed-in page what another person's command changed, names only", async () => {
    const stream = await openEvents(await signIn('auditor'));
    expect(stream.res.status).toBe(200);
    expect(stream.res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const officer = await signIn('officer');
    expect(await post('/api/command/application.approve', { applicationId: applicationIds[0] }, officer)).toMatchObject({ ok: true });
    await until(() => stream.events.length > 0, 'the approval to be told');
    expect(stream.events[0]!.sort()).toEqual(['application', 'audit', 'invoice', 'sms']);

    // A change made on the desk by something other than a page (here the command line's system actor) is told too.
    expect((await server.desk.dispatch('fee.set', { cadre: 'technician', licenceYear: 2031, amountCents: 150_000 }, SYSTEM_ACTOR)).ok).toBe(true);
    await until(() => stream.events.length > 1, 'the fee change to be told');
    expect(stream.events[1]!.sort()).toEqual(['audit', 'fee']);
    expect(stream.hasEnded()).toBe(false);
  });

  it('ends when its session signs out: the next change is not told to it', async () => {
    const token = await signIn('auditor');
    const stream = await openEvents(token);
    expect(stream.res.status).toBe(200);
    expect(await post('/api/session/logout', {}, token)).toEqual({ ok: true, value: null });
    const officer = await signIn('officer');
    expect(await post('/api/command/application.reject', { applicationId: applicationIds[1], reason: 'Register entry not found' }, officer)).toMatchObject({
      ok: true,
    });
    await until(stream.hasEnded, 'the stream of a signed-out session to end');
    expect(stream.events).toEqual([]);
  });

  it('ends when its session locks', async () => {
    const token = await signIn('auditor');
    const stream = await openEvents(token);
    expect(await post('/api/session/lock', {}, token)).toEqual({ ok: true, value: null });
    expect((await server.desk.dispatch('fee.set', { cadre: 'technologist', licenceYear: 2031, amountCents: 200_000 }, SYSTEM_ACTOR)).ok).toBe(true);
    await until(stream.hasEnded, 'the stream of a locked session to end');
    expect(stream.events).toEqual([]);
  });
});
