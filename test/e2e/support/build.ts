import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO } from './paths.js';

const BUILT = path.join(REPO, 'out/renderer/index.html');
const SOURCES = ['src/renderer', 'src/shared'].map((d) => path.join(REPO, d));

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Browser mode serves out/renderer: build it when it is missing or older than its sources. */
export function ensureRendererBuilt(): void {
  const built = fs.existsSync(BUILT) ? fs.statSync(BUILT).mtimeMs : 0;
  const sources = Math.max(...SOURCES.map(newestMtime));
  if (built >= sources) return;
  execFileSync(process.execPath, [path.join(REPO, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: REPO,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (!fs.existsSync(BUILT)) throw new Error(`electron-vite build did not produce ${BUILT}`);
}
