#!/usr/bin/env node
// The unit and integration tiers at shifted dates and in other time zones, one variant after another:
//   node scripts/test-variants.mjs [VARIANT...] [-- VITEST_ARGS...]
// With no VARIANT, all of them; CI runs new-year-new-york. Each prints its name and settings first and its time at the end;
// the script exits 1 when any variant fails. Test desks read KMLTTB_TEST_NOW as their clock's start
// (test/integration/support/testClock.ts); processes the tests spawn run on the real clock.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const VARIANTS = {
  // CI's variant, all in one: Nairobi has just entered 2032 while UTC and New York are still in
  // 31 December 2031, so a date taken in UTC or in the machine's zone differs from Nairobi's.
  'new-year-new-york': {
    about: 'Nairobi 00:30 on 1 January 2032; UTC 21:30 and New York 16:30 on 31 December 2031',
    env: { KMLTTB_TEST_NOW: '2031-12-31T21:30:00.000Z', TZ: 'America/New_York' },
    inProcessOnly: true,
  },
  'month-end': {
    about: 'Nairobi 23:45 on 30 November; New York still the afternoon of the 30th',
    env: { KMLTTB_TEST_NOW: '2026-11-30T20:45:00.000Z', TZ: 'America/New_York' },
  },
  'year-end-2031': {
    about: 'Nairobi 23:45 on 31 December 2031',
    env: { KMLTTB_TEST_NOW: '2031-12-31T20:45:00.000Z' },
  },
  kiritimati: {
    about: 'UTC+14, the default test clock',
    env: { KMLTTB_TEST_NOW: undefined, TZ: 'Pacific/Kiritimati' },
  },
};

const dashDash = process.argv.indexOf('--');
const names = process.argv.slice(2, dashDash === -1 ? undefined : dashDash);
const vitestArgs = dashDash === -1 ? [] : process.argv.slice(dashDash + 1);
const unknown = names.filter((n) => !(n in VARIANTS));
if (unknown.length > 0) {
  console.error(`No such variant: ${unknown.join(', ')}. The variants are ${Object.keys(VARIANTS).join(', ')}.`);
  process.exit(2);
}

/**
 * Integration files that start processes (the built CLI, a server, a crash): those processes run
 * on the real clock, so a shifted test clock changes nothing for them. The time zone would, but
 * they are the slow part of the tier; the full variants above still run them.
 */
function processFiles() {
  const files = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (file.endsWith('.test.ts') && /node:child_process|support\/cliFolder/.test(fs.readFileSync(file, 'utf8'))) files.push(file);
    }
  };
  walk('test/integration');
  return files.sort();
}

const results = [];
for (const name of names.length > 0 ? names : Object.keys(VARIANTS)) {
  const { about, env, inProcessOnly } = VARIANTS[name];
  const left = inProcessOnly ? processFiles() : [];
  if (left.length > 0) console.log(`Left out (they start processes, which run on the real clock): ${left.join(', ')}`);
  const settings = Object.entries(env)
    .map(([key, value]) => (value === undefined ? `${key} unset` : `${key}=${value}`))
    .join(' ');
  console.log(`\n=== variant ${name}: ${about} (${settings})\n`);
  const childEnv = { ...process.env, ...env };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete childEnv[key];
  const started = Date.now();
  const status =
    spawnSync('npx', ['vitest', 'run', '--project', 'unit', '--project', 'integration', ...left.flatMap((f) => ['--exclude', f]), ...vitestArgs], {
      stdio: 'inherit',
      env: childEnv,
      shell: process.platform === 'win32',
    }).status ?? 1;
  const seconds = Math.round((Date.now() - started) / 1000);
  results.push({ name, passed: status === 0, seconds });
  console.log(`\n=== variant ${name}: ${status === 0 ? 'passed' : 'FAILED'} in ${seconds} s`);
}

console.log('\nVariants:');
for (const r of results) console.log(`  ${r.passed ? 'passed' : 'FAILED'}  ${r.name}  ${r.seconds} s`);
process.exit(results.every((r) => r.passed) ? 0 : 1);
