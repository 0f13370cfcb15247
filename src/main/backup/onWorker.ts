import { Worker } from 'node:worker_threads';
import { keyPragmas } from '../db/cipher.js';
import { driverPaths } from '../db/driverPaths.js';

/**
 * Runs `code` (plain CommonJS, as the audit-verify workers do: it starts the same under tsx,
 * vitest and the bundle) on a worker thread, with the database driver's paths and the pragmas that
 * key a connection in its `workerData`; resolves when it posts a message, rejects when it fails.
 */
export function runOnWorker(code: string, key: string, data: Record<string, unknown>): Promise<void> {
  const { driver, nativeBinding } = driverPaths();
  const worker = new Worker(code, { eval: true, workerData: { ...data, driver, nativeBinding, keyPragmas: keyPragmas(key) } });
  return new Promise<void>((resolve, reject) => {
    let done = false;
    worker.once('message', () => {
      done = true;
      resolve();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!done) reject(new Error(`the backup worker stopped (exit code ${code}) before its work was done`));
    });
  });
}
