import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { CLI, REPO } from './paths.js';

const run = promisify(execFile);

export function makeDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'kmlttb-e2e-'));
}

/** `kmlttb demo`: users officer, auditor, admin, clerk.<centre> with password demo-password. */
export async function runDemo(dataDir: string, applications = 60, seed = 7): Promise<string> {
  const { stdout } = await run(process.execPath, [CLI, 'demo', '--data', dataDir, '--applications', String(applications), '--seed', String(seed)], {
    cwd: REPO,
    timeout: 120_000,
  });
  return stdout;
}

export interface WebDesk {
  url: string;
  /** What `kmlttb web` printed on its `First-run code:` line (printed while no administrator exists); null when none. */
  firstRunCode: string | null;
  stop(): Promise<void>;
}

export interface StartWebOptions {
  /** Extra environment for the desk, e.g. the KMLTTB_SMS_* gateway overrides. */
  env?: Record<string, string>;
  deadlineMs?: number;
}

/** The test runner's environment without gateway settings, so only a test's own `env` sets them. */
function deskEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('KMLTTB_SMS_')));
  return { ...env, ...extra };
}

/**
 * Starts `kmlttb web --port 0` and waits for its `Listening on http://127.0.0.1:PORT` line; the
 * `First-run code:` line, when there is one, comes before it.
 */
export function startWeb(dataDir: string, options: StartWebOptions = {}): Promise<WebDesk> {
  return startListening('web', dataDir, options);
}

/** Starts the central service, `kmlttb server --port 0`, the same way. */
export function startCentral(dataDir: string, options: StartWebOptions = {}): Promise<WebDesk> {
  return startListening('server', dataDir, options);
}

function startListening(command: 'web' | 'server', dataDir: string, options: StartWebOptions): Promise<WebDesk> {
  const deadlineMs = options.deadlineMs ?? 60_000;
  const child = spawn(process.execPath, [CLI, command, '--data', dataDir, '--port', '0'], {
    cwd: REPO,
    env: deskEnv(options.env ?? {}),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise<WebDesk>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`kmlttb ${command} did not say where it listens within ${deadlineMs} ms:\n${output}`));
    }, deadlineMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        const code = /^First-run code: (\S+)$/m.exec(output)?.[1] ?? null;
        resolve({ url: match[1], firstRunCode: code, stop: () => stop(child, command, () => output) });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`kmlttb ${command} exited (${code}) before listening:\n${output}`));
    });
  });
}

/** The program's own deadline for stopping (stopOnSignals) and a little more: a desk that needs longer is a failure, said with its output. */
const STOP_GRACE_MS = 35_000;

function stop(child: ChildProcess, command: string, output: () => string): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const force = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    child.once('exit', (code, signal) => {
      clearTimeout(force);
      if (code === 0) resolve();
      else reject(new Error(`kmlttb ${command} did not stop cleanly (${signal ?? `exit ${code}`}):\n${output()}`));
    });
    child.kill('SIGTERM');
  });
}
