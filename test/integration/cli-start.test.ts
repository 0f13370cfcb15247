/**
 * `npm start` / `kmlttb start` where Electron cannot run: one line saying so, browser mode, and
 * nothing left running once it is told to stop, whichever way (SIGTERM, Ctrl+C, through npm).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ensureRendererBuilt } from '../e2e/support/build.js';
import { tempDir } from './support/tempDesk.js';

const DEADLINE_MS = 45_000;
const started: ChildProcess[] = [];

beforeAll(() => ensureRendererBuilt(), 180_000);
afterAll(() => {
  // Only what this file started, by process group, should a test have failed half-way.
  for (const child of started) {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      /* gone already */
    }
  }
});

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts a command as the leader of a process group of its own, and waits until its output matches `ready`. */
function startGroup(command: string, args: string[], ready: RegExp, env: NodeJS.ProcessEnv = process.env): Promise<Started> {
  const child = spawn(command, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env });
  started.push(child);
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${command} ${args.join(' ')} was not ready in time:\n${out}`)), DEADLINE_MS);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (ready.test(out)) {
        clearTimeout(timer);
        resolve({ child, output: () => out, exited });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${command} exited (${code}) before it was ready:\n${out}`));
    });
  });
}

/**
 * Whether any process of the group still runs. A process that has exited but whose new parent (init)
 * has not yet collected its status is a zombie: it holds nothing, yet kill(-pgid, 0) still finds it.
 */
function groupAlive(pgid: number): boolean {
  for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // gone while listing
    }
    const [state, , group] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(group) === pgid && state !== 'Z') return true;
  }
  return false;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Polls (vitest's waitFor, with a deadline) until nothing of the group runs and the port takes no connection. */
async function expectAllStopped(pgid: number, port: number | null): Promise<void> {
  await vi.waitFor(
    async () => {
      const alive = groupAlive(pgid);
      const listening = port !== null && (await accepts(port));
      if (alive || listening) throw new Error(`still running: ${alive ? 'a process of the group' : ''} ${listening ? `port ${port}` : ''}`);
    },
    { timeout: DEADLINE_MS, interval: 100 },
  );
}

/** What `start` prints in browser mode, before its Listening line: no download attempt, no stack trace. */
function expectOneLineFallback(output: string): void {
  const lines = output.split('\n');
  expect(lines.filter((l) => l.startsWith('Electron is not available on this machine'))).toEqual([
    'Electron is not available on this machine (no Electron binary is installed): starting browser mode instead.',
  ]);
  expect(output).not.toMatch(/TypeError|Error:|Downloading Electron|^\s+at /m);
}

describe('kmlttb start where Electron cannot run', () => {
  it('says so in one line, serves browser mode, and on SIGTERM closes the port and leaves no process behind', async () => {
    const port = await freePort();
    const { child, output, exited } = await startGroup(
      process.execPath,
      ['bin/kmlttb.js', 'start', '--data', tempDir(), '--port', String(port)],
      /Listening on http:\/\/127\.0\.0\.1:\d+/,
    );
    expectOneLineFallback(output());
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    await expectAllStopped(child.pid!, port);
    expect(output()).not.toMatch(/^\s+at /m);
  });

  it('stops everything npm start started when npm alone is sent SIGTERM (npm runs it through a shell that passes nothing on)', async () => {
    const port = await freePort();
    const { child, output, exited } = await startGroup(
      'npm',
      ['start', '--', '--data', tempDir(), '--port', String(port)],
      /Listening on http:\/\/127\.0\.0\.1:\d+/,
    );
    expectOneLineFallback(output());
    child.kill('SIGTERM');
    await exited;
    await expectAllStopped(child.pid!, port);
  });

  it('stops everything npm start started when npm alone is killed outright (the shell between them is left behind)', async () => {
    const port = await freePort();
    const { child, exited } = await startGroup('npm', ['start', '--', '--data', tempDir(), '--port', String(port)], /Listening on http:\/\/127\.0\.0\.1:\d+/);
    child.kill('SIGKILL');
    await exited;
    await expectAllStopped(child.pid!, port);
  });

  it("stops everything npm start started on Ctrl+C (SIGINT to the terminal's process group)", async () => {
    const port = await freePort();
    const { child } = await startGroup('npm', ['start', '--', '--data', tempDir(), '--port', String(port)], /Listening on http:\/\/127\.0\.0\.1:\d+/);
    process.kill(-child.pid!, 'SIGINT');
    await expectAllStopped(child.pid!, port);
  });
});

describe('kmlttb start where Electron runs', () => {
  it('closes the desktop app it started when it is sent SIGTERM', async () => {
    // A stand-in for the Electron binary, where the electron package looks when told to: it says it runs, then waits.
    const dist = tempDir();
    const fake = path.join(dist, 'electron');
    fs.writeFileSync(fake, '#!/bin/sh\necho "stand-in Electron running"\nexec sleep 600\n', { mode: 0o755 });
    const env = { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: dist };
    const { child, output, exited } = await startGroup(process.execPath, ['bin/kmlttb.js', 'start', '--data', tempDir()], /stand-in Electron running/, env);
    expect(output()).not.toContain('browser mode');
    expect(groupAlive(child.pid!)).toBe(true);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    await expectAllStopped(child.pid!, null);
  });
});
