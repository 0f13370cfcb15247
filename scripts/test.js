#!/usr/bin/env node
// `npm test`: build the app (browser tests use the built renderer, and every test that runs
// `kmlttb` the built CLI), run every vitest tier
// (unit, integration, e2e, electron), then print one closing line: "N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' }).status ?? 1;

if (run('npx', ['electron-vite', 'build', '--logLevel', 'warn']) !== 0 || run('node', ['scripts/build-cli.mjs']) !== 0) {
  console.error('Build failed: no tests were run.');
  process.exit(1);
}
fs.mkdirSync('test-results', { recursive: true });
const report = 'test-results/vitest.json';
fs.rmSync(report, { force: true });
const status = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)]);

if (fs.existsSync(report)) {
  const r = JSON.parse(fs.readFileSync(report, 'utf8'));
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  console.log(`\n${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
  if (status !== 0 && r.numFailedTests === 0) console.log('No test failed, but the run did not pass: see the errors above (e.g. an unhandled rejection).');
}
process.exit(status);
