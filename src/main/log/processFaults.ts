import type { Logger } from './logger.js';

/** Errors after which the process cannot go on doing its work: it logs them and exits. */
const FATAL_CODES = new Set(['ENOMEM', 'EMFILE', 'ENFILE', 'ERR_WORKER_OUT_OF_MEMORY']);

export interface ProcessFaultOptions {
  /** How a fatal fault ends the process (the desktop app quits through Electron); default: exit status 1. */
  exit?: (code: number) => void;
}

/**
 * One handler for what nobody caught, installed by each long-running process (`kmlttb web`,
 * `kmlttb server`, the desktop app): the error goes to the log with its stack.
 *
 * A rejection nobody awaited is one piece of work that failed (a background drain, a timer): the
 * process keeps serving. An uncaught exception keeps it serving too. Node warns that state after
 * one may be inconsistent, but here the state that matters is in SQLite, where each command is
 * one transaction, committed whole or not at all, and each request or background round starts
 * afresh from the database. Stopping would end every clerk's work for one failed callback. Only
 * errors that say the process itself is out of resources (memory, file handles) end it, after
 * the log is written.
 */
export function installProcessFaults(log: Logger, options: ProcessFaultOptions = {}): () => void {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const onRejection = (reason: unknown) => {
    log.error({ err: reason }, 'unhandled rejection: logged, the process keeps serving');
  };
  const onException = (err: Error, origin: string) => {
    if (!isFatal(err)) {
      log.error({ err, origin }, 'uncaught exception: logged, the process keeps serving');
      return;
    }
    log.fatal({ err, origin }, 'uncaught exception: fatal, the process stops');
    log.flush(() => exit(1));
  };
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return () => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  };
}

export function isFatal(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && FATAL_CODES.has(code);
}
