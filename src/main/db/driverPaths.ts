import { createRequire } from 'node:module';

/**
 * A path inside the packaged app's archive, as the copy the packager unpacked beside it
 * (electron-builder.config.js unpacks the driver): a worker thread loads it from plain files.
 */
export function outsideAsar(file: string): string {
  return file.replace(/\.asar(?=[\\/])/, '.asar.unpacked');
}

/**
 * The better-sqlite3 entry point and the native binding file this process loaded, for worker
 * threads that open connections of their own (Electron keeps its own build of the binding).
 */
export function driverPaths(): { driver: string; nativeBinding: string | undefined } {
  const require = createRequire(import.meta.url);
  const driver = require.resolve('better-sqlite3-multiple-ciphers');
  const nativeBinding = Object.keys(require.cache).find((k) => k.endsWith('better_sqlite3.node'));
  return { driver: outsideAsar(driver), nativeBinding: nativeBinding && outsideAsar(nativeBinding) };
}
