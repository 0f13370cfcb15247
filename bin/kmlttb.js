#!/usr/bin/env node
// The `kmlttb` command: plain Node running the built CLI (out/cli/kmlttb.js, made by `npm run build`).
import fs from 'node:fs';

const built = new URL('../out/cli/kmlttb.js', import.meta.url);
if (!fs.existsSync(built)) {
  process.stderr.write('kmlttb: the command is not built (out/cli/kmlttb.js is missing): run npm run build\n');
  process.exit(1);
}
await import(built.href);
