import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRIDGE_CHANNELS, BRIDGE_EVENTS } from '../../../src/shared/bridge.js';
import { openDesk, type Desk } from '../../../src/main/desk.js';
import { createIpcRouter, type BridgeKind, type IpcRouterDeps, type Sender } from '../../../src/main/electron/ipcRouter.js';
import { createDesktopBridge, type Listen } from '../../../src/preload/bridge.js';

const ADMIN = { username: 'ada', fullName: 'Ada Wanjiru', password: 'long enough password', demo: false };
const windowFrame = (id: number): Sender => ({ id, frameUrl: 'app://desk/index.html', topFrame: true });

interface Folder {
  dir: string;
  desk: Desk;
}

const folders: Folder[] = [];

function newDataFolder(): Folder {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kmlttb-ipc-'));
  const folder = { dir, desk: openDesk(dir) };
  folders.push(folder);
  return folder;
}

/**
 * One desk for the file whose first administrator (ADMIN) is made once, since scrypt is slow on
 * purpose; no test changes who exists. Each test routes over it with its own windows and sessions.
 */
let withAdmin: Folder & { adminToken: string };

beforeAll(async () => {
  const folder = newDataFolder();
  let adminToken: string | null = null;
  const route = createIpcRouter({ desk: folder.desk, getToken: () => undefined, setToken: (_id, token) => (adminToken = token) });
  const created = await route('session', { name: 'createFirstAdmin', input: ADMIN }, windowFrame(1));
  if (!created.ok || !adminToken) throw new Error('the first administrator was not made');
  withAdmin = { ...folder, adminToken };
}, 60_000);

afterAll(async () => {
  for (const { desk, dir } of folders.splice(0)) {
    await desk.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

interface Routed {
  route: ReturnType<typeof createIpcRouter>;
  /** The session token the main process keeps for each window id. */
  tokens: Map<number, string>;
}

/**
 * A router of the test's own over a desk (the shared one with its administrator unless given),
 * with `extra` dependencies (the shell's folder and file openers). On the shared desk, window 1
 * holds the administrator's session; no other window has one.
 */
function routed(extra: Partial<IpcRouterDeps> = {}, desk: Desk = withAdmin.desk): Routed {
  const tokens = new Map<number, string>(desk === withAdmin.desk ? [[1, withAdmin.adminToken]] : []);
  const route = createIpcRouter({
    desk,
    getToken: (id) => tokens.get(id),
    setToken: (id, token) => (token ? tokens.set(id, token) : tokens.delete(id)),
    ...extra,
  });
  return { route, tokens };
}

describe('the IPC router, with a real desk on a temp folder', { timeout: 60_000 }, () => {
  it('creates the first administrator and keeps the session for that window', async () => {
    const { route, tokens } = routed({}, newDataFolder().desk);
    expect(await route('session', { name: 'firstRun' }, windowFrame(1))).toEqual({
      ok: true,
      value: { needsAdmin: true, hasData: false, codeRequired: false },
    });
    const created = await route('session', { name: 'createFirstAdmin', input: ADMIN }, windowFrame(1));
    expect(created).toMatchObject({ ok: true, value: { user: { username: 'ada', role: 'admin' } } });
    expect(tokens.get(1)).toBeTypeOf('string');
  });

  it('answers a query with the actor of the main process session', async () => {
    const { route } = routed();
    const users = await route('query', { name: 'users.list', input: {} }, windowFrame(1));
    expect(users).toMatchObject({ ok: true, value: [{ username: 'ada' }] });
  });

  it('refuses a command the role may not run', async () => {
    const { route } = routed();
    const res = await route('command', { name: 'application.approve', input: { id: 'x' } }, windowFrame(1));
    expect(res).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('another window has no session until it signs in', async () => {
    const { route, tokens } = routed();
    expect(await route('query', { name: 'users.list', input: {} }, windowFrame(2))).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    expect(await route('session', { name: 'session' }, windowFrame(2))).toEqual({ ok: true, value: null });
    const bad = await route('session', { name: 'login', input: { username: 'ada', password: 'wrong password' } }, windowFrame(2));
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_credentials' } });
    expect(tokens.has(2)).toBe(false);
    const good = await route('session', { name: 'login', input: { username: 'ada', password: ADMIN.password } }, windowFrame(2));
    expect(good).toMatchObject({ ok: true, value: { user: { username: 'ada' } } });
    expect(tokens.get(2)).toBeTypeOf('string');
    expect(tokens.get(2)).not.toBe(tokens.get(1));
  });

  it.each([
    ['no envelope', undefined],
    ['a string', 'users.list'],
    ['an empty name', { name: '', input: {} }],
    ['a name that is not a string', { name: 42 }],
    ['a token smuggled beside the input', { name: 'users.list', input: {}, token: 'stolen' }],
  ])('answers a bad envelope (%s) with invalid_input, never a throw', async (_why, payload) => {
    const { route } = routed();
    expect(await route('query', payload, windowFrame(1))).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('answers an unknown or inherited name with not_found', async () => {
    const { route } = routed();
    for (const name of ['no.such', 'toString', '__proto__', 'constructor']) {
      expect(await route('command', { name, input: {} }, windowFrame(1))).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(await route('query', { name, input: {} }, windowFrame(1))).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(await route('session', { name }, windowFrame(1))).toMatchObject({ ok: false, error: { code: 'not_found' } });
    }
  });

  it('refuses calls from a frame that is not the app, or not the top frame', async () => {
    const { route } = routed();
    // Window 1 is signed in: only the frame makes these calls strangers.
    expect(await route('query', { name: 'users.list', input: {} }, windowFrame(1))).toMatchObject({ ok: true });
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

  it('a locked session needs the password again; logging out forgets the token', async () => {
    const { route, tokens } = routed();
    const login = await route('session', { name: 'login', input: { username: 'ada', password: ADMIN.password } }, windowFrame(2));
    expect(login).toMatchObject({ ok: true });
    expect(await route('session', { name: 'lock' }, windowFrame(2))).toEqual({ ok: true, value: null });
    expect(await route('query', { name: 'users.list', input: {} }, windowFrame(2))).toMatchObject({ ok: false, error: { code: 'session_locked' } });
    expect(await route('session', { name: 'unlock', input: { password: ADMIN.password } }, windowFrame(2))).toMatchObject({ ok: true });
    expect(await route('query', { name: 'users.list', input: {} }, windowFrame(2))).toMatchObject({ ok: true });
    expect(await route('session', { name: 'logout' }, windowFrame(2))).toEqual({ ok: true, value: null });
    expect(tokens.has(2)).toBe(false);
    expect(await route('query', { name: 'users.list', input: {} }, windowFrame(2))).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
  });

  it('a second first-admin is refused', async () => {
    const { route, tokens } = routed();
    const again = await route('session', { name: 'createFirstAdmin', input: { ...ADMIN, username: 'eve' } }, windowFrame(3));
    expect(again.ok).toBe(false);
    expect(tokens.has(3)).toBe(false);
  });
});

describe('the preload bridge over the router', { timeout: 60_000 }, () => {
  const noEvents: Listen = () => () => {};
  const kindOf = Object.fromEntries(Object.entries(BRIDGE_CHANNELS).map(([k, v]) => [v, k as BridgeKind]));
  const bridgeOver = (route: ReturnType<typeof createIpcRouter>, windowId: number) =>
    createDesktopBridge((channel, envelope) => route(kindOf[channel]!, envelope, windowFrame(windowId)), noEvents);

  it('signs in, reads and signs out through the same calls the renderer makes', async () => {
    const { route } = routed();
    const bridge = bridgeOver(route, 7);
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
    const { dir } = withAdmin;
    const opened: string[] = [];
    const { route: withFolders } = routed({
      openFolder: async (folder) => {
        opened.push(folder);
        return true;
      },
    });
    expect(await bridgeOver(withFolders, 1).openLogsFolder()).toEqual({ ok: true, value: { opened: true, path: path.join(dir, 'logs') } });
    expect(await bridgeOver(withFolders, 9).openLogsFolder()).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    expect(opened).toEqual([path.join(dir, 'logs')]);
    expect(await withFolders('desk', { name: 'formatDisk' }, windowFrame(1))).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('prints a PDF for a signed-in window only: saved where exports wait, then opened in the PDF viewer', async () => {
    const { dir } = withAdmin;
    const opened: string[] = [];
    const { route: withViewer } = routed({
      openFile: async (file) => {
        opened.push(file);
        return true;
      },
    });
    const pdf = { fileName: 'licence-KMLTTB-2026-000001.pdf', dataBase64: Buffer.from('%PDF-1.3 test').toString('base64') };
    const signedIn = bridgeOver(withViewer, 1);
    expect(await signedIn.printPdf(pdf)).toEqual({ ok: true, value: { opened: 'pdf-viewer' } });
    expect(opened).toEqual([path.join(dir, 'exports', pdf.fileName)]);
    expect(fs.readFileSync(opened[0]!, 'latin1')).toBe('%PDF-1.3 test');
    expect(await signedIn.printPdf({ ...pdf, fileName: '../escape.pdf' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await signedIn.printPdf({ ...pdf, dataBase64: Buffer.from('#!/bin/sh').toString('base64') })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await bridgeOver(withViewer, 9).printPdf(pdf)).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
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
