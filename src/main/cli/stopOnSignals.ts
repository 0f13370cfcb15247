import { watchNpmAncestry } from './npmAncestry.js';

/** How long stopping may take (an SMS request in flight, a sync round, Electron closing) before the process exits all the same. */
const STOP_DEADLINE_MS = 30_000;

/**
 * How a long-running command (browser mode, the central service, the desktop app's launcher) ends: on Ctrl+C (SIGINT),
 * SIGTERM or SIGHUP it stops what it started, then exits. Further signals while it stops change
 * nothing (a library that cleans up on exit raises the same signal again); stopping that takes
 * longer than STOP_DEADLINE_MS ends with exit status 1.
 *
 * An npm script (`npm start`) runs the command through a shell that does not pass npm's signals
 * on: when npm is stopped, this process is left running, its parent gone or the shell left alone.
 * So, when an npm script started it, npm going stops it as a signal would.
 */
export function stopOnSignals(stop: () => Promise<void>, options: { watchParent?: boolean } = {}): void {
  const watchParent = options.watchParent ?? process.env.npm_lifecycle_event !== undefined;
  let stopping = false;
  const npmGone = watchParent ? watchNpmAncestry() : null;
  const watch = npmGone
    ? setInterval(() => {
        if (npmGone()) finish();
      }, 250)
    : null;
  watch?.unref();

  function finish(): void {
    if (stopping) return;
    stopping = true;
    if (watch) clearInterval(watch);
    const late = setTimeout(() => {
      process.stderr.write(`kmlttb: did not stop within ${STOP_DEADLINE_MS / 1000} s; exiting all the same.\n`);
      process.exit(1);
    }, STOP_DEADLINE_MS);
    stop().then(
      () => process.exit(0),
      (err: unknown) => {
        clearTimeout(late);
        process.stderr.write(`kmlttb: could not stop cleanly: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exit(1);
      },
    );
  }
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, finish);
}
