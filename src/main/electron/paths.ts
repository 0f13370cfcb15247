/** Where the desktop app keeps its data and finds its Electron build of better-sqlite3. */
import fs from 'node:fs';
import path from 'node:path';

/** The data folder: `KMLTTB_DATA` when set, else Electron's userData folder. */
export function dataDirFor(env: NodeJS.ProcessEnv, userDataPath: string): string {
  const override = env.KMLTTB_DATA?.trim();
  return override ? path.resolve(override) : userDataPath;
}

/**
 * For the unpackaged app (`npm start` with Electron; a packaged app uses the driver electron-builder
 * rebuilt for Electron, see `npm run dist`): better-sqlite3 built for Electron's ABI, kept apart
 * from the Node build that `npm install` makes for tests, the CLI and the server, so neither
 * overwrites the other. Produce it with @electron/rebuild in a scratch copy, never in the
 * project's own node_modules:
 *
 *   mkdir -p build/electron-native/node_modules
 *   cp -r node_modules/better-sqlite3-multiple-ciphers build/electron-native/node_modules/
 *   echo '{"name":"electron-native","dependencies":{"better-sqlite3-multiple-ciphers":"12.11.1"}}' > build/electron-native/package.json
 *   npx @electron/rebuild -f -w better-sqlite3-multiple-ciphers -v 45.5.0 -m build/electron-native
 *   mkdir -p native/electron
 *   cp build/electron-native/node_modules/better-sqlite3-multiple-ciphers/build/Release/better_sqlite3.node native/electron/
 *
 * When it is absent, better-sqlite3's default binding is used (right only if it was built for
 * Electron).
 */
export function electronNativeBinding(appPath: string, exists: (p: string) => boolean = fs.existsSync): string | undefined {
  const root = appPath.replace(/\.asar$/, '.asar.unpacked');
  const file = path.join(root, 'native', 'electron', 'better_sqlite3.node');
  return exists(file) ? file : undefined;
}
