#!/usr/bin/env node
// The `kmlttb` command (every CLI command, `kmlttb server` included) bundled into out/cli/kmlttb.js,
// so that plain Node runs it: no compiler at start. Dependencies stay in node_modules (native
// better-sqlite3 among them). Part of `npm run build`; tests rebuild it when it is older than
// its sources (test/support/cliBuild.ts).
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_BUNDLE = path.join(ROOT, 'out/cli/kmlttb.js');

export async function buildCli() {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ['src/main/cli/run.ts'],
    outfile: CLI_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20.19',
    packages: 'external',
    sourcemap: 'linked',
    write: false,
    logLevel: 'warning',
  });
  // Each file is renamed into place whole: a kmlttb process starting meanwhile reads the old or the new one.
  fs.mkdirSync(path.dirname(CLI_BUNDLE), { recursive: true });
  const isMap = (file) => Number(file.path.endsWith('.map'));
  const outputs = [...result.outputFiles].sort((a, b) => isMap(b) - isMap(a));
  for (const file of outputs) {
    const temporary = `${file.path}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, file.contents);
    fs.renameSync(temporary, file.path);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await buildCli();
