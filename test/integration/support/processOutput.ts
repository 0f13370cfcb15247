import type { ChildProcess } from 'node:child_process';

export interface ProcessOutput {
  /** Everything the process wrote so far, stdout and stderr in the order they arrived. */
  text(): string;
  /**
   * Resolves when the output holds `pattern`, as soon as the chunk that completes it arrives;
   * rejects, with the output so far, when the process exits first or `deadlineMs` passes.
   */
  until(pattern: RegExp | string, deadlineMs: number): Promise<void>;
  /** All the process wrote, once it has ended and its pipes have closed: for checking what it never said. */
  complete(): Promise<string>;
}

/** Collects a spawned process's stdout and stderr (both must be pipes) from now on. */
export function watchOutput(child: ChildProcess, name: string): ProcessOutput {
  let text = '';
  const waiters = new Set<() => void>();
  const take = (chunk: Buffer) => {
    text += chunk.toString();
    for (const check of waiters) check();
  };
  child.stdout!.on('data', take);
  child.stderr!.on('data', take);
  const closed = new Promise<string>((resolve) => child.once('close', () => resolve(text)));
  const holds = (pattern: RegExp | string) => (typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text));

  return {
    text: () => text,
    complete: () => closed,
    until(pattern, deadlineMs) {
      if (holds(pattern)) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const done = (problem?: string) => {
          waiters.delete(check);
          clearTimeout(timer);
          child.off('exit', onExit);
          if (problem) reject(new Error(`${name} ${problem}:\n${text}`));
          else resolve();
        };
        const check = () => {
          if (holds(pattern)) done();
        };
        const onExit = (code: number | null, signal: NodeJS.Signals | null) => done(`exited (${signal ?? code}) before writing ${String(pattern)}`);
        const timer = setTimeout(() => done(`did not write ${String(pattern)} within ${deadlineMs} ms`), deadlineMs);
        waiters.add(check);
        child.once('exit', onExit);
        if (child.exitCode !== null || child.signalCode !== null) onExit(child.exitCode, child.signalCode);
      });
    },
  };
}
