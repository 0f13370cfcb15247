import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO } from './paths.js';

const BUILT = path.join(REPO, 'out/renderer/index.html');
const SOURCES = ['src/renderer', 'src/shared'].map((d) => path.join(REPO, d));
const CLI_BUILT = path.join(REPO, 'out/cli/kmlttb.js');
const CLI_SOURCES = ['src/main', 'src/shared', 'src/server', 'resources', 'package.json', 'scripts/build-cli.mjs'].map((p) => path.join(REPO, p));

function newestMtime(file: string): number {
  const stat = fs.statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(file)) newest = Math.max(newest, newestMtime(path.join(file, entry)));
  return newest;
}

const builtAt = (file: string) => (fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0);

/** Browser mode serves out/renderer: build it when it is missing or older than its sources. */
export function ensureRendererBuilt(): void {
  if (builtAt(BUILT) >= Math.max(...SOURCES.map(newestMtime))) return;
  execFileSync(process.execPath, [path.join(REPO, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: REPO,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (!fs.existsSync(BUILT)) throw new Error(`electron-vite build did not produce ${BUILT}`);
}

/** Tests run `bin/kmlttb.js`, which runs out/cli/kmlttb.js: build it when it is missing or older than its sources. */
export function ensureCliBuilt(): void {
  if (builtAt(CLI_BUILT) >= Math.max(...CLI_SOURCES.map(newestMtime))) return;
  execFileSync(process.execPath, [path.join(REPO, 'scripts/build-cli.mjs')], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
  if (!fs.existsSync(CLI_BUILT)) throw new Error(`scripts/build-cli.mjs did not produce ${CLI_BUILT}`);
}
