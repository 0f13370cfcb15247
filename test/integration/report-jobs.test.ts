/**
 * Export jobs (the app's background exports) at the back end: a Cancel that arrives part way
 * through leaves no file and no audit record, whatever the format; the export's read-only
 * connection is closed however the export ends. Deterministic: the cancel is sent through
 * ExportJobs.cancel when the report's statement has yielded a given row, not after a delay.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ExportJob } from '../../src/shared/contract/insight.js';
import { exportReport } from '../../src/main/reports/export.js';
import { EXPORT_HOLD_ENV, ExportJobs } from '../../src/main/reports/jobs.js';
import { count, makeDesk, seedApplication, tempDir, type TestDesk } from './support/tempDesk.js';

const APPLICATIONS = 3000;
/** Past the first await of every writer (PDF yields every 500 rows, XLSX every 100, CSV streams). */
const CANCEL_AT = 1200;

let t: TestDesk;
let openReader: () => BetterSqlite3.Database;
/** The read-only connections the exports opened. */
let readers: BetterSqlite3.Database[] = [];
/** Called with the running row number as the report's statement yields each row. */
let onRow: ((n: number) => void) | null = null;

/** A reader whose statements' row iterators report each row to `onRow`. */
function watchedReader(): BetterSqlite3.Database {
  const reader = openReader();
  readers.push(reader);
  return new Proxy(reader, {
    get(target, key) {
      if (key !== 'prepare') return Reflect.get(target, key, target) as unknown;
      return (sql: string) => {
        const statement = target.prepare(sql);
        return new Proxy(statement, {
          get(s, k) {
            if (k !== 'iterate') return Reflect.get(s, k, s) as unknown;
            return function* (...params: unknown[]) {
              let n = 0;
              for (const row of s.iterate(...params)) {
                onRow?.(++n);
                yield row;
              }
            };
          },
        });
      };
    },
  });
}

const exportsDir = () => path.join(t.desk.dataDir, 'exports');
const filesInExports = () => (fs.existsSync(exportsDir()) ? fs.readdirSync(exportsDir()) : []);
const exportEvents = () => count(t.desk, 'audit_events', "action = 'report.exported'");

async function settled(jobs: ExportJobs, job: ExportJob): Promise<ExportJob> {
  return vi.waitFor(
    () => {
      const now = jobs.status(t.actors.auditor, job.id);
      if (now.state === 'running') throw new Error('still running');
      return now;
    },
    { timeout: 20_000, interval: 20 },
  );
}

beforeAll(async () => {
  t = await makeDesk();
  t.desk.sqlite.transaction(() => {
    for (let i = 0; i < APPLICATIONS; i++) seedApplication(t.desk, { licenceYear: 2026 });
  })();
  openReader = t.desk.openReader.bind(t.desk);
  t.desk.openReader = watchedReader;
});
afterEach(() => {
  onRow = null;
  readers = [];
  delete process.env[EXPORT_HOLD_ENV];
});
afterAll(async () => {
  await t.desk.close();
});

describe('export jobs', () => {
  it('runs an export to the end: every row, a file, one audit record, the reader closed', async () => {
    const jobs = new ExportJobs(t.desk);
    const before = exportEvents();
    const job = await settled(jobs, jobs.start(t.actors.auditor, { report: 'applications', format: 'csv' }));
    expect(job).toMatchObject({ state: 'done', rows: APPLICATIONS, error: null });
    const { path: file } = jobs.file(t.actors.auditor, job.id);
    expect(fs.readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(APPLICATIONS + 1);
    expect(exportEvents()).toBe(before + 1);
    expect(readers).toHaveLength(1);
    expect(readers[0]!.open).toBe(false);
  });

  for (const format of ['csv', 'xlsx', 'pdf'] as const) {
    it(`cancels a ${format.toUpperCase()} export part way: no file, no partial file, no audit record, the reader closed`, async () => {
      const jobs = new ExportJobs(t.desk);
      const files = filesInExports();
      const before = exportEvents();
      let job: ExportJob | null = null;
      let cancelledAt = 0;
      onRow = (n) => {
        if (n !== CANCEL_AT) return;
        cancelledAt = n;
        // The job has been handed back by now: the writers yield to the event loop long before this row.
        expect(job).not.toBeNull();
        expect(jobs.cancel(t.actors.auditor, job!.id).state).toBe('running');
      };
      job = jobs.start(t.actors.auditor, { report: 'applications', format });
      const end = await settled(jobs, job);
      expect(cancelledAt).toBe(CANCEL_AT);
      expect(end).toMatchObject({ state: 'cancelled', error: 'Cancelled: no file was written.' });
      expect(end.rows).toBeLessThan(APPLICATIONS);
      expect(filesInExports()).toEqual(files);
      expect(() => jobs.file(t.actors.auditor, job.id)).toThrow(/cancelled/);
      expect(exportEvents()).toBe(before);
      expect(readers).toHaveLength(1);
      expect(readers[0]!.open).toBe(false);
    });
  }

  it('closes the reader when the file cannot be written, and records nothing', async () => {
    const before = exportEvents();
    const out = path.join(tempDir('kmlttb-report-jobs-'), 'missing-folder', 'apps.csv');
    await expect(exportReport(t.desk, t.actors.auditor, { report: 'applications', format: 'csv', out })).rejects.toThrow(
      `Cannot write ${out}: its folder does not exist.`,
    );
    await expect(exportReport(t.desk, t.actors.auditor, { report: 'applications', format: 'xlsx', out: out.replace(/csv$/, 'xlsx') })).rejects.toThrow();
    expect(readers).toHaveLength(2);
    expect(readers.every((r) => !r.open)).toBe(true);
    expect(exportEvents()).toBe(before);
  });

  it(`holds the exports of the reports named in ${EXPORT_HOLD_ENV} until they are cancelled (the e2e hook)`, async () => {
    process.env[EXPORT_HOLD_ENV] = 'audit';
    const jobs = new ExportJobs(t.desk);
    const held = jobs.start(t.actors.auditor, { report: 'audit', format: 'pdf' });
    // Other reports are not held.
    expect((await settled(jobs, jobs.start(t.actors.auditor, { report: 'turnaround', format: 'csv' }))).state).toBe('done');
    expect(jobs.status(t.actors.auditor, held.id)).toMatchObject({ state: 'running', rows: 0 });
    expect(readers).toHaveLength(1); // the turnaround export's only
    jobs.cancel(t.actors.auditor, held.id);
    expect(await settled(jobs, held)).toMatchObject({ state: 'cancelled' });
    expect(readers.every((r) => !r.open)).toBe(true);
    expect(filesInExports().filter((f) => f.startsWith(held.id) || f.includes('.partial'))).toEqual([]);
  });
});
