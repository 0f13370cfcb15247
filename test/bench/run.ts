/**
 * `npm run bench`: builds a desk database at national scale ×10 in a temporary folder and prints
 * one line per figure of QUALITY.md "Performance budgets", with the budget beside it.
 *
 * A report, not a test: the exit code is 0 even when a budget is missed (1 only if the bench
 * itself breaks). Options: `--keep` keeps the temporary folder; `--explain` prints the query plans
 * of the slowest grid and search queries, and where autoMatch spent its time, even when they pass;
 * `--seed N`; `--scale F` (a partial data set); `--reuse DIR`; `--pragma P` (also on the export
 * child processes).
 *
 * Order matters: the figures that count applications (grid, search, export) run before the
 * payments step, which adds earlier licence years' approved applications so that there are
 * 200,000 invoices to reconcile against (generateInvoices.ts). Figures with their own files:
 * figures/sms.ts, figures/exports.ts (child processes), figures/payments.ts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { Actor } from '../../src/main/core/actor.js';
import { verifyAuditChain } from '../../src/main/core/audit.js';
import { verifyAuditChainParallel } from '../../src/main/core/auditVerify.js';
import { readableDb } from '../../src/main/db/handles.js';
import { openDesk, type Desk } from '../../src/main/desk.js';
import { APPLICATION_SORT_FIELDS, type ApplicationsListInput } from '../../src/shared/contract/applications.js';
import { buildNationalData, describeExistingData, NATIONAL_SCALE_X10, type BenchData } from './generate.js';
import { keyOf } from '../../src/main/db/cipher.js';
import { benchEncryptionCost } from './figures/encryption.js';
import { benchExports } from './figures/exports.js';
import { benchPayments } from './figures/payments.js';
import { benchSmsOverhead, benchSmsWorker } from './figures/sms.js';
import { benchSync } from './figures/sync.js';
import { createRng, type Rng } from './prng.js';
import { budgetLine, cpuNow, formatMs, median, notMeasuredLine, percentile, timeSync, type Figure } from './stats.js';

const args = process.argv.slice(2);
/** `--reuse DIR` measures a data set kept by an earlier `--keep` run instead of building one (approvals change it). */
const REUSE = args.includes('--reuse') ? args[args.indexOf('--reuse') + 1] : undefined;
const KEEP = args.includes('--keep') || REUSE !== undefined;
/** `--pragma "mmap_size=268435456"` (repeatable): measure a connection setting the app does not use yet, to weigh a proposal. */
const PRAGMAS = args.flatMap((a, i) => (a === '--pragma' && args[i + 1] ? [args[i + 1]!] : []));
/** Also prints where autoMatch spent its time (statements by total time), as it does when the figure fails. */
const EXPLAIN = args.includes('--explain');
const SEED = Number(args[args.indexOf('--seed') + 1]) || 20260101;
/** `--scale 0.1` builds a tenth of the data set, for a quick check of the bench itself (the budgets are for 1). */
const SCALE = args.includes('--scale') ? Number(args[args.indexOf('--scale') + 1]) : 1;
/**
 * `--only sync` measures the sync figures alone (with `--reuse DIR`, on a data set already built);
 * `--only reconcile` the payments figures (import and auto-reconcile) alone; `--only grid,search`
 * the grid and search figures. Several, comma-separated.
 */
const ONLY = args.includes('--only') ? new Set((args[args.indexOf('--only') + 1] ?? '').split(',')) : null;
const runs = (part: 'sync' | 'grid' | 'search' | 'reconcile' | 'rest') => ONLY === null || ONLY.has(part);

const GRID_RUNS = 240;
const SEARCH_RUNS_PER_KIND = 45; // five kinds: 225 runs
const APPROVALS = 220;
/** Approvals with and without the SMS queued (each). */
const SMS_PAIRS = 150;
/** Messages the SMS worker sends to the gateway simulator. */
const SMS_MESSAGES = Math.max(200, Math.round(2000 * SCALE));
const STATEMENT_PAYMENTS = Math.round(100_000 * SCALE);
const INVOICES = Math.round(200_000 * SCALE);
/** Alternating rounds of each ratio figure and its baseline; the best of each counts. */
const ROUNDS = 2;
/** Each export round is two child processes (~10 s at full scale). */
const EXPORT_ROUNDS = 2;

const say = (line = '') => process.stdout.write(`${line}\n`);
const now = () => performance.now();

interface Timed<I> {
  input: I;
  ms: number;
  cpuMs: number;
  total: number;
  label: string;
}

async function main(): Promise<void> {
  const started = now();
  const dir = REUSE ?? fs.mkdtempSync(path.join(os.tmpdir(), 'kmlttb-bench-'));
  say(`KMLTTB Licensing Desk bench — national scale ×10 (QUALITY.md "Performance budgets")`);
  say(`data folder: ${dir}${KEEP ? ' (kept)' : ''}; seed ${SEED}; node ${process.version}; ${os.cpus().length} CPUs`);
  if (SCALE !== 1) say(`SCALE ${SCALE}: a partial data set, the figures do not count against the budgets`);
  say();
  const startLoad = os.loadavg()[0]!;
  say(
    `load average at start: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} (other work on this machine slows every figure)`,
  );
  say(REUSE ? 'Reusing the data set:' : 'Building the data set:');
  let desk: Desk = openDesk(dir);
  try {
    const data = REUSE
      ? describeExistingData(desk, SEED)
      : await buildNationalData(desk, {
          seed: SEED,
          log: say,
          scale:
            SCALE === 1
              ? {}
              : {
                  practitioners: Math.round(NATIONAL_SCALE_X10.practitioners * SCALE),
                  applications: Math.round(NATIONAL_SCALE_X10.applications * SCALE),
                  auditEvents: Math.round(NATIONAL_SCALE_X10.auditEvents * SCALE),
                },
        });
    const buildSeconds = Object.values(data.timings).reduce((s, t) => s + t, 0);
    say(
      `  ${REUSE ? 'found' : `built in ${buildSeconds.toFixed(1)} s`}: ${Object.entries(data.counts)
        .map(([t, n]) => `${t} ${n.toLocaleString('en')}`)
        .join(', ')}`,
    );
    say(`  database file: ${(fs.statSync(desk.file).size / 1024 / 1024).toFixed(0)} MB`);
    say('  payments come later, with their figures (an M-Pesa statement, after topping the invoices up); licences are not generated yet');
    say();

    // Measure on a freshly opened desk: the connection's settings are the app's own (WAL, synchronous=FULL, default cache).
    await desk.close();
    desk = openDesk(dir);
    for (const p of PRAGMAS) {
      desk.sqlite.pragma(p);
      say(`EXPERIMENT: PRAGMA ${p} on the measuring connection (not the app's own setting)`);
    }

    const figures: Figure[] = [];
    const rng = createRng(SEED ^ 0x5eed);

    say('Measuring:');
    if (runs('grid')) figures.push(await benchGrid(desk, data, rng));
    if (runs('search')) figures.push(await benchSearch(desk, data, rng));
    if (runs('rest')) {
      const verify = await benchAuditVerify(desk, data);
      desk.sqlite.pragma('wal_checkpoint(TRUNCATE)');
      const encryption = benchEncryptionCost(desk.file, keyOf(desk.sqlite)!, rng, say);
      const approve = await benchApprove(desk, data, rng);
      const smsOverhead = await benchSmsOverhead(desk, data.officer, rng, say, SMS_PAIRS);
      const smsRate = await benchSmsWorker(desk, rng, say, SMS_MESSAGES);
      const exports = await benchExports(dir, data.officer, say, EXPORT_ROUNDS, PRAGMAS);
      const payments = runs('reconcile')
        ? await benchPayments(desk, data, createRng(SEED ^ 0x9a7e), { payments: STATEMENT_PAYMENTS, invoices: INVOICES, rounds: ROUNDS, say, explain: EXPLAIN })
        : [];
      // In QUALITY.md's order; sync follows.
      figures.push(...payments, ...exports, approve, smsOverhead, smsRate, verify, ...encryption);
    } else if (runs('reconcile')) {
      figures.push(
        ...(await benchPayments(desk, data, createRng(SEED ^ 0x9a7e), {
          payments: STATEMENT_PAYMENTS,
          invoices: INVOICES,
          rounds: ROUNDS,
          say,
          explain: EXPLAIN,
        })),
      );
    }

    if (runs('sync')) {
      // The central service runs on this data folder: the measuring desk closes for it.
      await desk.close();
      figures.push(...(await benchSync(dir, say)));
      desk = openDesk(dir);
    }
    if (ONLY === null)
      figures.push(notMeasuredLine('browser mode: sign-in to a filled applications grid', '≤ 1.5 s', 'needs Chromium; measured by the e2e suite'));

    say();
    say('Figures:');
    for (const f of figures) say(`  ${f.line}`);
    const measured = figures.filter((f) => f.verdict === 'PASS' || f.verdict === 'FAIL');
    const failed = measured.filter((f) => f.verdict === 'FAIL');
    const info = figures.filter((f) => f.verdict === 'INFO').length;
    const elapsed = (now() - started) / 1000;
    const busy = Math.max(startLoad, os.loadavg()[0]!) > os.cpus().length;
    if (busy)
      say(
        'WARNING: other work kept this machine busy (load average above its CPU count): wall-clock figures are inflated; the CPU-time figures beside them are not.',
      );
    say();
    say(
      `SUMMARY: ${measured.length - failed.length}/${measured.length} measured figures within budget` +
        `${failed.length ? ` (FAIL: ${failed.map((f) => f.name).join('; ')})` : ''}, ` +
        `${info} for information (no budget), ${figures.length - measured.length - info} not built or not measured; whole run ${elapsed.toFixed(0)} s; ` +
        `CPU time of this process ${(cpuNow() / 1000).toFixed(0)} s (child processes apart); ` +
        `load average at end ${os
          .loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')}`,
    );
  } finally {
    await desk.close();
    if (!KEEP) fs.rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Applications grid: filter + sort + page of 100

type ListInput = ApplicationsListInput & { sort: (typeof APPLICATION_SORT_FIELDS)[number]; dir: 'asc' | 'desc' };

function describe(input: ListInput): string {
  const { pageSize: _ps, ...rest } = input;
  return JSON.stringify(rest);
}

async function benchGrid(desk: Desk, data: BenchData, rng: Rng): Promise<Figure> {
  const states = ['submitted', 'approved', 'rejected', 'returned', 'paid', 'licensed'] as const;
  const inputs: ListInput[] = [];
  for (let i = 0; i < GRID_RUNS; i++) {
    const input: ListInput = {
      sort: rng.pick(APPLICATION_SORT_FIELDS),
      dir: rng.chance(0.5) ? 'asc' : 'desc',
      page: 0,
      pageSize: 100,
    };
    // The officer's usual views are filtered; some are not filtered at all.
    if (rng.chance(0.6)) input.state = rng.chance(0.5) ? 'submitted' : rng.pick(states);
    if (rng.chance(0.5)) input.licenceYear = rng.pick(data.years);
    if (rng.chance(0.25)) input.cadre = rng.chance(0.5) ? 'technologist' : 'technician';
    if (rng.chance(0.2)) input.centreId = rng.pick(data.centreIds);
    if (rng.chance(0.2)) input.county = rng.pick(['Nairobi', 'Kiambu', 'Nakuru', 'Mombasa', 'Kisumu', rng.pick(data.counties)]);
    if (rng.chance(0.2)) input.flagged = rng.chance(0.5);
    inputs.push(input);
  }
  // Pages: half the first page, a quarter the next few, a quarter deep (up to the last page).
  for (const input of inputs) {
    const r = rng.next();
    if (r < 0.5) continue;
    const total = countFor(desk, input);
    const lastPage = Math.max(0, Math.ceil(total / 100) - 1);
    input.page = r < 0.75 ? Math.min(lastPage, rng.int(1, 10)) : rng.chance(0.2) ? lastPage : rng.int(0, lastPage);
  }
  const runs = await timeQueries(desk, data.officer, inputs, describe, 10);
  return report(desk, data.officer, 'applications grid query (filter + sort + page of 100) p95', runs, 25, 'grid');
}

/** The row count for a grid input, straight from SQL (to choose deep pages). */
function countFor(desk: Desk, input: ListInput): number {
  const where: string[] = [];
  const params: unknown[] = [];
  if (input.state) {
    where.push('state = ?');
    params.push(input.state);
  }
  if (input.licenceYear) {
    where.push('licence_year = ?');
    params.push(input.licenceYear);
  }
  if (input.cadre) {
    where.push('cadre = ?');
    params.push(input.cadre);
  }
  if (input.centreId) {
    where.push('centre_id = ?');
    params.push(input.centreId);
  }
  if (input.county) {
    where.push('county = ?');
    params.push(input.county);
  }
  if (input.flagged !== undefined) where.push(input.flagged ? 'flag_count > 0' : 'flag_count = 0');
  const sql = `SELECT count(*) AS n FROM applications${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;
  return (desk.sqlite.prepare(sql).get(...params) as { n: number }).n;
}

// ---------------------------------------------------------------------------------------------
// Search by name, national ID, phone or reference

async function benchSearch(desk: Desk, data: BenchData, rng: Rng): Promise<Figure> {
  const maxRowid = (desk.sqlite.prepare('SELECT max(rowid) AS m FROM applications').get() as { m: number }).m;
  const sample = desk.sqlite.prepare(
    `SELECT a.application_ref, a.state, a.licence_year, p.first_name, p.last_name, p.national_id, p.phone
     FROM applications a JOIN practitioners p ON p.id = a.practitioner_id WHERE a.rowid = ?`,
  );
  interface Sample {
    application_ref: string;
    state: ListInput['state'];
    licence_year: number;
    first_name: string;
    last_name: string;
    national_id: string;
    phone: string | null;
  }
  const pickRow = (needPhone = false): Sample => {
    for (;;) {
      const row = sample.get(rng.int(1, maxRowid)) as Sample | undefined;
      if (row && (!needPhone || row.phone)) return row;
    }
  };
  const kinds: { kind: string; term: (r: Sample) => string; needPhone?: boolean }[] = [
    { kind: 'last name', term: (r) => r.last_name },
    { kind: 'first + last prefix', term: (r) => `${r.first_name} ${r.last_name.slice(0, rng.int(3, Math.max(3, r.last_name.length - 1)))}` },
    { kind: 'national ID', term: (r) => r.national_id },
    { kind: 'phone 07…', term: (r) => `0${r.phone!.slice(3)}`, needPhone: true },
    { kind: 'application ref', term: (r) => r.application_ref },
  ];
  const inputs: (ListInput & { kind: string })[] = [];
  for (const k of kinds) {
    for (let i = 0; i < SEARCH_RUNS_PER_KIND; i++) {
      const row = pickRow(k.needPhone);
      const input: ListInput & { kind: string } = { kind: k.kind, search: k.term(row), sort: 'submittedAt', dir: 'desc', page: 0, pageSize: 100 };
      // Sometimes the officer searches within the current filter (one that holds the row) or sorts by name.
      if (rng.chance(0.25)) input.state = row.state;
      if (rng.chance(0.2)) input.licenceYear = row.licence_year;
      if (rng.chance(0.25)) input.sort = 'name';
      inputs.push(input);
    }
  }
  rng.shuffle(inputs);
  const runs = await timeQueries(
    desk,
    data.officer,
    inputs.map(({ kind: _k, ...i }) => i),
    (i) => describe(i),
    10,
  );
  const byKind = kinds.map((k) => {
    const ms = runs.filter((r) => inputs[runs.indexOf(r)]!.kind === k.kind).map((r) => r.ms);
    return `${k.kind} ${formatMs(percentile(ms, 95))}`;
  });
  const empty = runs.filter((r) => r.total === 0).length;
  if (empty) throw new Error(`${empty} searches for terms taken from real rows found nothing`);
  return report(desk, data.officer, 'search by name, national ID, phone or reference p95', runs, 15, 'search', `p95 by kind: ${byKind.join(', ')}`);
}

// ---------------------------------------------------------------------------------------------

async function timeQueries(desk: Desk, actor: Actor, inputs: ListInput[], label: (i: ListInput) => string, warmup: number): Promise<Timed<ListInput>[]> {
  for (const input of inputs.slice(0, warmup)) await desk.query('applications.list', input, actor);
  const runs: Timed<ListInput>[] = [];
  for (const input of inputs) {
    const c0 = cpuNow();
    const t0 = now();
    const result = await desk.query('applications.list', input, actor);
    const ms = now() - t0;
    const cpuMs = cpuNow() - c0;
    if (!result.ok) throw new Error(`applications.list failed for ${label(input)}: ${result.error.message}`);
    runs.push({ input, ms, cpuMs, total: result.value.total, label: label(input) });
  }
  return runs;
}

async function report(desk: Desk, actor: Actor, name: string, runs: Timed<ListInput>[], budgetMs: number, what: string, extra = ''): Promise<Figure> {
  const ms = runs.map((r) => r.ms);
  const p95 = percentile(ms, 95);
  const cpu = runs.map((r) => r.cpuMs);
  say(
    `  ${what}: ${runs.length} runs, p50 ${formatMs(median(ms))}, p95 ${formatMs(p95)}, max ${formatMs(Math.max(...ms))}` +
      ` (CPU time: p50 ${formatMs(median(cpu))}, p95 ${formatMs(percentile(cpu, 95))})`,
  );
  const slowest = [...runs].sort((a, b) => b.ms - a.ms).slice(0, 5);
  for (const r of slowest) say(`    slow: ${formatMs(r.ms)} (${r.total.toLocaleString('en')} rows) ${r.label}`);
  if (p95 > budgetMs || EXPLAIN) {
    for (const r of slowest.slice(0, 3)) await explain(desk, actor, r.input);
  }
  return budgetLine(name, p95, budgetMs, `${runs.length} runs; CPU-time p95 ${formatMs(percentile(cpu, 95))}${extra ? `; ${extra}` : ''}`);
}

/**
 * Runs the grid query for `input` once more, recording every statement it runs on the connection, and prints each one's time and SQLite's plan for it.
 */
async function explain(desk: Desk, actor: Actor, input: ListInput): Promise<void> {
  const captured: { sql: string; parameters: readonly unknown[]; ms: number }[] = [];
  const record = (st: BetterSqlite3.Statement, text: string) =>
    new Proxy(st, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target) as unknown;
        if (typeof value !== 'function') return value;
        if (prop !== 'get' && prop !== 'all' && prop !== 'run') return (value as (...a: unknown[]) => unknown).bind(target);
        return (...params: unknown[]) => {
          const t0 = now();
          const out = (value as (...a: unknown[]) => unknown).apply(target, params);
          captured.push({ sql: text, parameters: params, ms: now() - t0 });
          return out;
        };
      },
    });
  const sqlite = new Proxy(desk.sqlite, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (prop === 'prepare') return (text: string) => record(target.prepare(text), text);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  const parsed = { page: 0, pageSize: 100, ...input };
  await desk.handlers.queries['applications.list'].run({ actor, desk, db: readableDb(sqlite) }, parsed as never);
  say(`    plan for ${describe(input)}:`);
  for (const q of captured) {
    say(`      ${formatMs(q.ms)}: ${q.sql.replace(/\s+/g, ' ').trim().slice(0, 300)}`);
    const plan = desk.sqlite.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...(q.parameters as unknown[])) as { detail: string }[];
    for (const p of plan) say(`        ${p.detail}`);
  }
}

// ---------------------------------------------------------------------------------------------

/**
 * As `kmlttb audit verify` and the audit screen run it: on worker threads (the CPU time counts
 * every thread). The walk on one thread is measured too, for information.
 */
async function benchAuditVerify(desk: Desk, data: BenchData): Promise<Figure> {
  const c0 = cpuNow();
  const t0 = now();
  const result = await verifyAuditChainParallel(desk.sqlite, { fallback: false });
  const ms = now() - t0;
  const cpuMs = cpuNow() - c0;
  const single = timeSync(() => verifyAuditChain(desk.sqlite));
  say(
    `  audit verify: ${result.checked.toLocaleString('en')} events, ${result.ok ? 'chain ok' : `BROKEN at ${result.firstBad?.seq}: ${result.firstBad?.problem}`}, ${formatMs(ms)} (CPU time ${formatMs(cpuMs)}); ` +
      `on one thread ${formatMs(single.ms)} (CPU time ${formatMs(single.cpuMs)})`,
  );
  if (!result.ok || result.checked !== data.counts.audit_events) throw new Error('The generated audit chain does not verify');
  if (JSON.stringify(single.value) !== JSON.stringify(result)) throw new Error('The audit chain verifies differently on one thread');
  return budgetLine(
    `audit chain verify over ${result.checked.toLocaleString('en')} events`,
    ms,
    5000,
    `CPU time ${formatMs(cpuMs)}, all threads; one thread ${formatMs(single.ms)}`,
  );
}

// ---------------------------------------------------------------------------------------------

async function benchApprove(desk: Desk, data: BenchData, rng: Rng): Promise<Figure> {
  const candidates = (desk.sqlite.prepare("SELECT id FROM applications WHERE state = 'submitted' AND flag_count = 0").all() as { id: string }[]).map(
    (r) => r.id,
  );
  rng.shuffle(candidates);
  const chosen = candidates.slice(0, APPROVALS);
  const sync = desk.sqlite.pragma('synchronous', { simple: true });
  const ms: number[] = [];
  const cpu: number[] = [];
  let sms = 0;
  for (const id of chosen) {
    const c0 = cpuNow();
    const t0 = now();
    const result = await desk.dispatch('application.approve', { applicationId: id }, data.officer);
    ms.push(now() - t0);
    cpu.push(cpuNow() - c0);
    if (!result.ok) throw new Error(`approve ${id} failed: ${result.error.message}`);
    if (result.value.smsId) sms++;
  }
  const verify = verifyAuditChain(desk.sqlite);
  say(
    `  approve: ${ms.length} approvals of submitted, unflagged applications (of ${candidates.length.toLocaleString('en')}), ` +
      `median ${formatMs(median(ms))}, p95 ${formatMs(percentile(ms, 95))}, max ${formatMs(Math.max(...ms))} ` +
      `(CPU time median ${formatMs(median(cpu))}; the rest is mostly the commit's fsync); ` +
      `${sms} SMS queued; synchronous=${sync === 2 ? 'FULL' : sync}; chain after approvals ${verify.ok ? 'ok' : 'BROKEN'}`,
  );
  if (!verify.ok) throw new Error('The audit chain broke during approvals');
  return budgetLine(
    'approve one application (dispatch, audit, SMS queued) median',
    median(ms),
    5,
    `${ms.length} approvals; CPU-time median ${formatMs(median(cpu))}`,
  );
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
