#!/usr/bin/env node
// `npm test`: build the app (browser tests use the built renderer, and every test that runs
// `kmlttb` the built CLI), then run every vitest tier in a shuffled order and print one closing
// line: "N passed, N failed, N skipped".
//
// Two vitest runs go side by side: the end-to-end tier (one browser at a time) and the rest
// (unit, integration, electron) on one worker. Vitest would run a serial tier only after the
// others, which made CI wait on the two in turn.
//
// The order is shuffled with a printed seed; KMLTTB_TEST_SEED=N npm test repeats an order.
// Arguments after `npm test --` go to both runs (e.g. a file filter).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import readline from 'node:readline';

const shell = process.platform === 'win32';
const build = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', shell }).status ?? 1;

if (build('npx', ['electron-vite', 'build', '--logLevel', 'warn']) !== 0 || build('node', ['scripts/build-cli.mjs']) !== 0) {
  console.error('Build failed: no tests were run.');
  process.exit(1);
}

const seed = process.env.KMLTTB_TEST_SEED ?? String(Math.floor(Math.random() * 1_000_000));
if (!/^\d+$/.test(seed)) {
  console.error(`KMLTTB_TEST_SEED must be a whole number, not '${seed}'.`);
  process.exit(2);
}
console.log(`Tests run in a shuffled order, seed ${seed} (KMLTTB_TEST_SEED=${seed} npm test repeats it).`);
fs.mkdirSync('test-results', { recursive: true });

const runs = [
  { name: 'e2e', projects: ['e2e'], extra: [] },
  { name: 'rest', projects: ['unit', 'integration', 'electron'], extra: ['--maxWorkers=1'] },
];

/** One vitest run; its lines are passed on whole, so the two runs' output interleaves by line. */
function vitest({ name, projects, extra }) {
  const report = `test-results/vitest-${name}.json`;
  fs.rmSync(report, { force: true });
  const args = ['vitest', 'run', ...projects.flatMap((p) => ['--project', p]), ...extra];
  args.push('--passWithNoTests', '--sequence.shuffle', `--sequence.seed=${seed}`, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`);
  const child = spawn('npx', [...args, ...process.argv.slice(2)], { stdio: ['ignore', 'pipe', 'pipe'], shell });
  readline.createInterface({ input: child.stdout }).on('line', (line) => process.stdout.write(`${line}\n`));
  readline.createInterface({ input: child.stderr }).on('line', (line) => process.stderr.write(`${line}\n`));
  return new Promise((resolve) => child.on('close', (code) => resolve({ report, status: code ?? 1 })));
}

const results = await Promise.all(runs.map(vitest));
const totals = { passed: 0, failed: 0, skipped: 0 };
let missing = false;
for (const { report } of results) {
  if (!fs.existsSync(report)) {
    missing = true;
    continue;
  }
  const r = JSON.parse(fs.readFileSync(report, 'utf8'));
  totals.passed += r.numPassedTests;
  totals.failed += r.numFailedTests;
  totals.skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
}
// A file filter may leave one run without files; a run that finds no test at all has not passed.
const status = results.some((r) => r.status !== 0) || missing || totals.passed + totals.failed === 0 ? 1 : 0;
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped (seed ${seed})`);
if (status !== 0 && totals.failed === 0) console.log('No test failed, but the run did not pass: see the errors above (e.g. an unhandled rejection).');
process.exit(status);
