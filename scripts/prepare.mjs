#!/usr/bin/env node
// `npm install` / `npm ci` run this (npm's `prepare`): build when the build tools are installed.
// A production install (`npm ci --omit=dev`) has none of them: it runs the tree built before.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const installed = (name) => {
  try {
    require.resolve(`${name}/package.json`);
    return true;
  } catch {
    return false;
  }
};

if (installed('electron-vite') && installed('esbuild')) {
  const npm = process.env.npm_execpath;
  const result = npm
    ? spawnSync(process.execPath, [npm, 'run', 'build'], { stdio: 'inherit' })
    : spawnSync('npm', ['run', 'build'], { stdio: 'inherit', shell: process.platform === 'win32' });
  process.exit(result.status ?? 1);
}
if (!fs.existsSync(new URL('../out/cli/kmlttb.js', import.meta.url))) {
  console.warn('kmlttb: no build tools here (a production install) and no built tree: run npm run build where they are installed.');
}
