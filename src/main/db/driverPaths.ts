import { createRequire } from 'node:module';

/**
 * The better-sqlite3 entry point and the native binding file this process loaded, for worker
 * threads that open connections of their own (Electron keeps its own build of the binding).
 */
export function driverPaths(): { driver: string; nativeBinding: string | undefined } {
  const require = createRequire(import.meta.url);
  const driver = require.resolve('better-sqlite3-multiple-ciphers');
  const nativeBinding = Object.keys(require.cache).find((k) => k.endsWith('better_sqlite3.node'));
  return { driver, nativeBinding };
}
