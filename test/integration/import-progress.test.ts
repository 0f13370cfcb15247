import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CHUNK_ROWS } from '../../src/main/core/inChunks.js';
import { progressLine } from '../../src/main/cli/support.js';
import { count, makeDesk, tempDir, type TestDesk } from './support/tempDesk.js';

const ROWS = 2 * CHUNK_ROWS + 200;
const APPLICATIONS_HEADER =
  'application_ref,submitted_at,national_id,registration_no,first_name,middle_name,last_name,phone,email,cadre,qualification,county,employer,licence_year,cpd_points,collection_centre,declaration_accepted,disclosures';

/** An eCitizen notifications export of `n` settled payments no invoice of this desk expects. */
function paymentsCsv(n: number): string {
  const lines = ['invoice_number,client_invoice_ref,amount_paid,invoice_amount,currency,payment_date,payment_channel,phone_number,status'];
  for (let i = 0; i < n; i++) lines.push(`ECZ-P${i},LB99${String(i).padStart(6, '0')},1550,1550,KES,2026-11-20 10:00:00+03:00,MPESA,254712345678,settled`);
  return lines.join('\n');
}

function applicationsCsv(n: number): string {
  const lines = [APPLICATIONS_HEADER];
  for (let i = 0; i < n; i++) {
    lines.push(`ECZ-A${i},2026-11-02T09:15:00+03:00,${30_000_000 + i},T/2010/${i},Grace,,Kamau${i},0712345678,,technologist,,Nairobi,,2026,30,NRB,yes,`);
  }
  return lines.join('\n');
}

const input = (fileName: string, csv: string) => ({ fileName, dataBase64: Buffer.from(csv).toString('base64'), dryRun: false });

let t: TestDesk | undefined;
afterEach(async () => {
  await t?.desk.close();
  t = undefined;
});

describe('following an import', () => {
  it('tells how many payment rows are stored of the total, chunk by chunk, up to all of them', async () => {
    t = await makeDesk();
    const seen: [number, number][] = [];
    const r = await t.desk.dispatch('payments.import', input('many.csv', paymentsCsv(ROWS)), t.actors.officer, {
      follow: {
        report: (done, total) => {
          seen.push([done, total]);
        },
      },
    });
    expect(r.ok && r.value.added).toBe(ROWS);
    expect(seen).toEqual([
      [0, ROWS],
      [CHUNK_ROWS, ROWS],
      [2 * CHUNK_ROWS, ROWS],
      [ROWS, ROWS],
    ]);
  });

  it('tells the same of an applications file', async () => {
    t = await makeDesk();
    const seen: number[] = [];
    const r = await t.desk.dispatch('applications.import', input('apps.csv', applicationsCsv(ROWS)), t.actors.officer, {
      follow: {
        report: (done, total) => {
          seen.push(total === ROWS ? done : -1);
        },
      },
    });
    expect(r.ok && r.value.imported).toBe(ROWS);
    expect(seen).toEqual([0, CHUNK_ROWS, 2 * CHUNK_ROWS, ROWS]);
  });

  it('cancelled half-way, keeps nothing of the file: no payment, no import record, no audit event', async () => {
    t = await makeDesk();
    const before = { audit: count(t.desk, 'audit_events'), imports: count(t.desk, 'imports') };
    const controller = new AbortController();
    const seen: number[] = [];
    const r = await t.desk.dispatch('payments.import', input('many.csv', paymentsCsv(ROWS)), t.actors.officer, {
      follow: {
        report: (done) => {
          seen.push(done);
          if (done >= CHUNK_ROWS) controller.abort();
        },
        signal: controller.signal,
      },
    });
    expect(!r.ok && r.error.code).toBe('cancelled');
    expect(seen).toEqual([0, CHUNK_ROWS]);
    expect(count(t.desk, 'payments')).toBe(0);
    expect({ audit: count(t.desk, 'audit_events'), imports: count(t.desk, 'imports') }).toEqual(before);
    // The desk goes on working: the same file imports whole afterwards.
    const again = await t.desk.dispatch('payments.import', input('many.csv', paymentsCsv(ROWS)), t.actors.officer);
    expect(again.ok && again.value.added).toBe(ROWS);
  });

  it('cancelled applications import keeps no application', async () => {
    t = await makeDesk();
    const controller = new AbortController();
    const r = await t.desk.dispatch('applications.import', input('apps.csv', applicationsCsv(ROWS)), t.actors.officer, {
      follow: {
        report: (done) => {
          if (done > 0) controller.abort();
        },
        signal: controller.signal,
      },
    });
    expect(!r.ok && r.error.code).toBe('cancelled');
    expect(count(t.desk, 'applications')).toBe(0);
    expect(count(t.desk, 'practitioners')).toBe(0);
  });
});

describe('kmlttb import on the command line', () => {
  function setUp() {
    const dir = tempDir();
    const file = path.join(dir, 'statement.csv');
    fs.writeFileSync(file, paymentsCsv(ROWS));
    return { dir, data: path.join(dir, 'data'), file };
  }

  it('prints only its summary when its output is not a terminal: no progress', () => {
    const { dir, data, file } = setUp();
    try {
      const r = spawnSync('node', ['bin/kmlttb.js', '--data', data, 'import', 'payments', file], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain(`${ROWS} rows read, ${ROWS} new payments`);
      expect(r.stdout + r.stderr).not.toMatch(/\r|\[#|Importing statement/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('shows a progress bar on a terminal (a pseudo-terminal made by script)', () => {
    const { dir, data, file } = setUp();
    try {
      const command = ['node', 'bin/kmlttb.js', '--data', data, 'import', 'payments', file].map((a) => `'${a}'`).join(' ');
      const r = spawnSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8' });
      expect(r.status, r.stdout).toBe(0);
      expect(r.stdout).toContain(progressLine('Importing statement.csv', CHUNK_ROWS, ROWS));
      expect(r.stdout).toContain(progressLine('Importing statement.csv', ROWS, ROWS));
      expect(r.stdout).toContain(`${ROWS} rows read, ${ROWS} new payments`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('draws the bar in proportion', () => {
    expect(progressLine('Importing a.csv', 300, 1200)).toBe(`Importing a.csv [${'#'.repeat(8)}${'.'.repeat(22)}] 300 of 1,200 (25%)`);
    expect(progressLine('Importing a.csv', 0, 0)).toBe(`Importing a.csv [${'#'.repeat(30)}] 0 of 0 (100%)`);
  });
});
