import fs from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { LOG_OPTIONS, logsDirOf, type Logger } from '../../../src/main/log/logger.js';

/** Everything written to a data folder's log files so far, as text. */
export function logText(dataDir: string): string {
  const dir = logsDirOf(dataDir);
  if (!fs.existsSync(dir)) return '';
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.log'))
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
    .join('');
}

/** The log lines of a data folder's log files, parsed. */
export function logLines(dataDir: string): Record<string, unknown>[] {
  return logText(dataDir)
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** A logger with the app's options that keeps its lines in memory, for a test to read. */
export function memoryLog(): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const logger = pino(LOG_OPTIONS, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { logger, lines };
}
