import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRIDGE_CHANNELS, BRIDGE_EVENTS } from '../../../src/shared/bridge.js';
import { openDesk, type Desk } from '../../../src/main/desk.js';
import { createIpcRouter, type BridgeKind, type Sender } from '../../../src/main/electron/ipcRouter.js';
import { createDesktopBridge, type Listen } from '../../../src/preload/bridge.js';

const ADMIN = { username: 'ada', fullName: 'Ada Wanjiru', password: 'long enough password', demo: false };
const windowFrame = (id: number): Sender => ({ id, frameUrl: 'app://desk/index.html', topFrame: true });

let dir: string;
let desk: Desk;
let route: ReturnType<typeof createIpcRouter>;
const tokens = new Map<number, string>();

/** A router on `desk` keeping each window's session in `store`. */
const routerOn = (on: Desk, store: Map<number, string>) =>
  createIpcRouter({
    desk: on,
    getToken: (id) => store.get(id),
    setToken: (id, token) => (token ? store.set(id, token) : store.delete(id)),
  });

// One desk whose administrator is signed in on window 1; every other test signs in on a window of its own.
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kmlttb-ipc-'));
  desk = openDesk(dir);
  route = routerOn(desk, tokens);
  const created = await route('session', { name: 'createFirstAdmin', input: ADMIN }, windowFrame(1));
  if (!created.ok) throw new Error(created.error.message);
});

afterAll(async () => {
  await desk.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the IPC router, with a real desk on a temp folder', { timeout: 20_000 }, () => {
  it('asks for a first administrator on a new desk, and keeps the session of the window that created one', async () => {
    const freshDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kmlttb-ipc-first-'));
    const fresh = openDesk(freshDir);
    try {
      expect(await routerOn(fresh, new Map())('session', { name: 'firstRun' }, windowFrame(1))).toEqual({
        ok: true,
        value: { needsAdmin: true, hasData: false, codeRequired: false },
      });
    } finally {
      await fresh.close();
      fs.rmSync(freshDir, { recursive: true, force: true });
    }
    // The desk of these tests: its administrator was created from window 1 (beforeAll).
    expect(tokens.get(1)).toBeTypeOf('string');
    expect(await route('session', { name: 'session' }, windowFrame(1))).toMatchObject({ ok: true, value: { user: { username: 'ada', role: 'admin' } } });
    expect(await route('session', { name: 'firstRun' }, windowFrame(1))).toMatchObject({ ok: true, value: { needsAdmin: false } });
  });

  it('answers a query with the actor of the main process session', async () => {
    const users = await route('query', { name: 'users.list', input: {} }, windowFrame(1));
    expect(users).toMatchObject({ ok: true, value: [{ username: 'ada' }] });
  });

  it('refuses a command the role may not run', async () => {
    const res = await route('command', { name: 'application.approve', input: { id: 'x' } }, windowFrame(1));
    expect(res).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('another window has no session until it signs in; locked, it needs the password again; signed out, it has none', async () => {
    expect(await route('query', { name: 'users.list', input: {} }, windowFrame(2))).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    expect(await route('session', { name: 'session' }, windowFrame(2))).toEqual({ ok: true, value: null });
    const bad = await route('session', { name: 'login', input: { username: 'ada', password: 'wrong password' } }, windowFrame(2));
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_credentials' } });
    expect(tokens.has(2)).toBe(false);
    const good = await route('session', { name: 'login', input: { username: 'ada', password: ADMIN.password } }, windowFrame(2));
    expect(good).toMatchObject({ ok: true, value: { user: { username: 'ada' } } });
    expect(tokens.get(2)).not.toBe(tokens.get(1));

    // Locked, it needs the password again; logging out forgets the token.
    expect(await route('session', { name: 'lock' }, windowFrame(2))).toEqual({ ok: true, value: null });
    expect(await route('query', { name: 'users.list', input: {} }, windowFrame(2))).toMatchObject({ ok: false, error: { code: 'session_locked' } });
    expect(await route('session', { name: 'unlock', input: { password: ADMIN.password } }, windowFrame(2))).toMatchObject({ ok: true });
    expect(await route('session', { name: 'logout' }, windowFrame(2))).toEqual({ ok: true, value: null });
    expect(tokens.has(2)).toBe(false);
    expect(await route('query', { name: 'users.list', input: {} }, windowFrame(2))).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
  });

  it.each([
    ['no envelope', undefined],
    ['a string', 'users.list'],
    ['an empty name', { name: '', input: {} }],
    ['a name that is not a string', { name: 42 }],
    ['a token smuggled beside the input', { name: 'users.list', input: {}, token: 'stolen' }],
  ])('answers a bad envelope (%s) with invalid_input, never a throw', async (_why, payload) => {
    expect(await route('query', payload, windowFrame(1))).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('answers an unknown or inherited name with not_found', async () => {
    for (const name of ['no.such', 'toString', '__proto__', 'constructor']) {
      expect(await route('command', { name, input: {} }, windowFrame(1))).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(await route('query', { name, input: {} }, windowFrame(1))).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(await route('session', { name }, windowFrame(1))).toMatchObject({ ok: false, error: { code: 'not_found' } });
    }
  });

  it('refuses calls from a frame that is not the app, or not the top frame', async () => {
    const strangers: Sender[] = [
      { id: 1, frameUrl: 'https://evil.example/', topFrame: true },
      { id: 1, frameUrl: 'file:///tmp/x.html', topFrame: true },
      { id: 1, frameUrl: 'app://desk/index.html', topFrame: false },
      { id: 1, frameUrl: undefined, topFrame: true },
    ];
    for (const sender of strangers) {
      expect(await route('query', { name: 'users.list', input: {} }, sender)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
  });

  it('a second first-admin is refused', async () => {
    const again = await route('session', { name: 'createFirstAdmin', input: { ...ADMIN, username: 'eve' } }, windowFrame(3));
    expect(again.ok).toBe(false);
    expect(tokens.has(3)).toBe(false);
  });
});

describe('the preload bridge over the router', { timeout: 20_000 }, () => {
  const noEvents: Listen = () => () => {};
  const kindOf = Object.fromEntries(Object.entries(BRIDGE_CHANNELS).map(([k, v]) => [v, k as BridgeKind]));
  const bridge = createDesktopBridge((channel, envelope) => route(kindOf[channel]!, envelope, windowFrame(7)), noEvents);

  it('signs in, reads and signs out through the same calls the renderer makes', async () => {
    expect(bridge.transport).toBe('desktop');
    expect(await bridge.session()).toEqual({ ok: true, value: null });
    expect(await bridge.login('ada', ADMIN.password)).toMatchObject({ ok: true, value: { user: { username: 'ada' } } });
    expect(await bridge.session()).toMatchObject({ ok: true, value: { user: { username: 'ada' } } });
    expect(await bridge.query('centres.list', {})).toMatchObject({ ok: true });
    expect(await bridge.firstRun()).toEqual({ ok: true, value: { needsAdmin: false, hasData: false, codeRequired: false } });
    expect(await bridge.lock()).toEqual({ ok: true, value: null });
    expect(await bridge.query('centres.list', {})).toMatchObject({ ok: false, error: { code: 'session_locked' } });
    expect(await bridge.unlock(ADMIN.password)).toMatchObject({ ok: true, value: { user: { username: 'ada' } } });
    const second = await bridge.createFirstAdmin({ ...ADMIN, username: 'eve' });
    expect(second.ok).toBe(false);
    expect(second.ok ? null : second.error.code).not.toBe('not_found');
    expect(await bridge.logout()).toEqual({ ok: true, value: null });
    expect(await bridge.session()).toEqual({ ok: true, value: null });
  });

  it('opens the logs folder for a signed-in window only, and says where it is', async () => {
    const opened: string[] = [];
    const withFolders = createIpcRouter({
      desk,
      getToken: (id) => tokens.get(id),
      setToken: () => {},
      openFolder: async (folder) => {
        opened.push(folder);
        return true;
      },
    });
    const signedIn = createDesktopBridge((channel, envelope) => withFolders(kindOf[channel]!, envelope, windowFrame(1)), noEvents);
    expect(await signedIn.openLogsFolder()).toEqual({ ok: true, value: { opened: true, path: path.join(dir, 'logs') } });
    const stranger = createDesktopBridge((channel, envelope) => withFolders(kindOf[channel]!, envelope, windowFrame(9)), noEvents);
    expect(await stranger.openLogsFolder()).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    expect(opened).toEqual([path.join(dir, 'logs')]);
    expect(await withFolders('desk', { name: 'formatDisk' }, windowFrame(1))).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('prints a PDF for a signed-in window only: saved where exports wait, then opened in the PDF viewer', async () => {
    const opened: string[] = [];
    const withViewer = createIpcRouter({
      desk,
      getToken: (id) => tokens.get(id),
      setToken: () => {},
      openFile: async (file) => {
        opened.push(file);
        return true;
      },
    });
    const pdf = { fileName: 'licence-KMLTTB-2026-000001.pdf', dataBase64: Buffer.from('%PDF-1.3 test').toString('base64') };
    const signedIn = createDesktopBridge((channel, envelope) => withViewer(kindOf[channel]!, envelope, windowFrame(1)), noEvents);
    expect(await signedIn.printPdf(pdf)).toEqual({ ok: true, value: { opened: 'pdf-viewer' } });
    expect(opened).toEqual([path.join(dir, 'exports', pdf.fileName)]);
    expect(fs.readFileSync(opened[0]!, 'latin1')).toBe('%PDF-1.3 test');
    expect(await signedIn.printPdf({ ...pdf, fileName: '../escape.pdf' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await signedIn.printPdf({ ...pdf, dataBase64: Buffer.from('#!/bin/sh').toString('base64') })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    const stranger = createDesktopBridge((channel, envelope) => withViewer(kindOf[channel]!, envelope, windowFrame(9)), noEvents);
    expect(await stranger.printPdf(pdf)).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    expect(opened).toHaveLength(1);
  });

  it('turns a failed or strange IPC answer into an error result', async () => {
    const broken = createDesktopBridge(async () => {
      throw new Error('no handler');
    }, noEvents);
    expect(await broken.session()).toMatchObject({ ok: false, error: { code: 'internal' } });
    const odd = createDesktopBridge(async () => 'hello', noEvents);
    expect(await odd.lock()).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('passes on the entity names of a change event, only on its own channel, until stopped', () => {
    const listeners = new Map<string, (payload: unknown) => void>();
    const events = createDesktopBridge(
      async () => ({ ok: true, value: null }),
      (channel, listener) => {
        listeners.set(channel, listener);
        return () => listeners.delete(channel);
      },
    );
    const seen: unknown[] = [];
    const stop = events.subscribe((entities) => seen.push(entities));
    expect([...listeners.keys()]).toEqual([BRIDGE_EVENTS.changed]);
    listeners.get(BRIDGE_EVENTS.changed)!(['application', 'sms']);
    listeners.get(BRIDGE_EVENTS.changed)!(['not-an-entity', 'licence', 42]);
    listeners.get(BRIDGE_EVENTS.changed)!({ sender: 'an IPC event' });
    expect(seen).toEqual([['application', 'sms'], ['licence']]);
    stop();
    expect(listeners.size).toBe(0);
  });
});
