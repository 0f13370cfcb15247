import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface Run {
  code: number | null;
  out: string;
  err: string;
}

/** Runs `kmlttb` as a real process without blocking this one (a child of the test may be writing meanwhile). */
export function kmlttb(args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  const child = spawn('node', ['bin/kmlttb.js', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: withoutKey({ ...process.env, ...env }) });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString();
  });
  child.stderr.on('data', (c: Buffer) => {
    err += c.toString();
  });
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, out, err })));
}

/** The environment without an empty KMLTTB_DB_KEY (undefined in `env` means: not set). */
function withoutKey(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const copy = { ...env };
  if (!copy.KMLTTB_DB_KEY) delete copy.KMLTTB_DB_KEY;
  return copy;
}

/** Every file under `dir` by relative path, with the sha256 of its bytes: what "changes nothing" compares. */
export function folderState(dir: string): Record<string, string> {
  const state: Record<string, string> = {};
  if (!fs.existsSync(dir)) return state;
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    state[path.relative(dir, file)] = createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  }
  return state;
}

/** Starts a long-running kmlttb command and resolves once its output matches `ready`. */
export function startKmlttb(args: string[], ready: RegExp, started: ChildProcess[]): Promise<ChildProcess> {
  const child = spawn('node', ['bin/kmlttb.js', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: withoutKey({ ...process.env }) });
  started.push(child);
  let out = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (ready.test(out)) resolve(child);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`kmlttb ${args.join(' ')} exited (${code}) before it was ready:\n${out}`)));
  });
}
