#!/usr/bin/env node
// `npm run dist [-- --linux | --win]`: the desktop app's packages into dist/ (electron-builder.config.js),
// from what `npm run build` made. Needs a machine where Electron can be downloaded, and building each
// platform's package on that platform (the native database driver is rebuilt for it).
//
// The packager rebuilds the driver for Electron inside this checkout's node_modules, where the tests,
// the CLI and the service need its build for Node: that build is put back afterwards, whatever happened.
import { spawnSync } from 'node:child_process';

const DRIVER = 'better-sqlite3-multiple-ciphers';
const shell = process.platform === 'win32';
const args = process.argv.slice(2);

const packed = spawnSync('npx', ['electron-builder', '--config', 'electron-builder.config.js', '--publish', 'never', ...args], { stdio: 'inherit', shell });
console.log(`Putting back the Node build of ${DRIVER} (tests, CLI and service)…`);
const restored = spawnSync('npm', ['rebuild', DRIVER], { stdio: 'inherit', shell });
if (restored.status !== 0) console.error(`Could not rebuild ${DRIVER} for Node: run npm rebuild ${DRIVER} before npm test.`);
process.exit(packed.status ?? 1);
