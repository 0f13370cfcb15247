import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { logLines } from './support/logFiles.js';
import { tempDir } from './support/tempDesk.js';

const STARTUP_DEADLINE_MS = 45_000;
const FAULTS = pathToFileURL(path.resolve(import.meta.dirname, '../fixtures/faults/onSignal.mjs')).href;
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** `kmlttb server` in a real process, with a fixture that makes faults nobody catches when sent SIGUSR2. */
function startServer(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn('node', ['--import', FAULTS, 'bin/kmlttb.js', 'server', '--data', dataDir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`kmlttb server did not start in time:\n${out}`)), STARTUP_DEADLINE_MS);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /Listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1]! });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`kmlttb server exited (${code}) before listening:\n${out}`));
    });
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('what nobody caught in a running kmlttb server', () => {
  it('a rejection nobody awaited and an exception thrown from a timer are logged with their stacks, and the service keeps answering', async () => {
    const dir = tempDir();
    const { child, url } = await startServer(dir);
    expect((await fetch(`${url}/v1/health`)).status).toBe(200);

    child.kill('SIGUSR2');
    await vi.waitFor(
      () => {
        const messages = logLines(dir).map((l) => l.msg);
        expect(messages).toContain('unhandled rejection: logged, the process keeps serving');
        expect(messages).toContain('uncaught exception: logged, the process keeps serving');
      },
      { timeout: 20_000, interval: 100 },
    );

    expect(child.exitCode).toBeNull();
    expect((await fetch(`${url}/v1/health`)).status).toBe(200);
    const lines = logLines(dir);
    const rejection = lines.find((l) => l.msg === 'unhandled rejection: logged, the process keeps serving')!;
    expect(rejection).toMatchObject({ level: 50, name: 'server', err: { message: 'test fault: a rejection nobody awaited' } });
    expect((rejection.err as { stack: string }).stack).toContain('onSignal.mjs');
    const thrown = lines.find((l) => l.msg === 'uncaught exception: logged, the process keeps serving')!;
    expect(thrown).toMatchObject({ level: 50, origin: 'uncaughtException', err: { message: 'test fault: thrown from a timer' } });
    expect((thrown.err as { stack: string }).stack).toContain('onSignal.mjs');
    // The service's own lines are there too: it started, and each request is one line.
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'server: listening', url }));
    // The log is written on a thread of its own: the second request's line may follow a moment later.
    await vi.waitFor(() => expect(logLines(dir).filter((l) => l.msg === 'request' && l.route === '/v1/health')).toHaveLength(2), {
      timeout: 10_000,
      interval: 50,
    });

    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
  });
});
