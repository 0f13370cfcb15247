/**
 * Runs a bench script in a child Node process (through tsx, as `npm run bench` runs), for figures
 * that need a process of their own: peak memory of one export, or a gateway that is not in the
 * measuring process. The child writes one JSON line as its last line of output.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));

export function childScript(name: string): string {
  return path.join(HERE, name);
}

function spawnTs(script: string, args: readonly string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['pipe', 'pipe', 'inherit'], cwd: process.cwd() });
}

/** Runs `script` to the end and returns the JSON of its last output line. */
export function runChild<T>(script: string, args: readonly string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawnTs(script, args);
    child.stdin!.end();
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new Error(`${path.basename(script)} exited with ${code}: ${out.slice(-500)}`));
      try {
        resolve(JSON.parse(last) as T);
      } catch {
        reject(new Error(`${path.basename(script)} did not end with JSON: ${out.slice(-500)}`));
      }
    });
  });
}

/** A long-running child that prints one JSON line when ready; `stop()` ends it and returns its last output line. */
export interface Service<T> {
  ready: T;
  pid: number;
  stop(): Promise<string>;
}

export function startChild<T>(script: string, args: readonly string[]): Promise<Service<T>> {
  return new Promise((resolve, reject) => {
    const child = spawnTs(script, args);
    let out = '';
    let ready = false;
    const exited = new Promise<void>((r) => child.on('close', () => r()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (!ready) reject(new Error(`${path.basename(script)} exited with ${code} before it was ready: ${out}`));
    });
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString('utf8');
      const nl = out.indexOf('\n');
      if (ready || nl < 0) return;
      ready = true;
      resolve({
        ready: JSON.parse(out.slice(0, nl)) as T,
        pid: child.pid!,
        async stop() {
          child.stdin!.end(); // the child exits when its stdin closes
          // Given 5 s to finish, then told to stop (this child only, by its handle).
          const deadline = AbortSignal.timeout(5000);
          const late = new Promise<boolean>((r) => deadline.addEventListener('abort', () => r(true), { once: true }));
          if (await Promise.race([exited.then(() => false), late])) child.kill('SIGTERM');
          await exited;
          return out.trim().split('\n').pop() ?? '';
        },
      });
    });
  });
}
