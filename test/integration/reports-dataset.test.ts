/**
 * The eight reports against a small dataset built by hand through the real commands: for each, the
 * row count and its key totals, in CSV, in XLSX (read back with exceljs) and in PDF (read back with
 * pdf.js), all three agreeing with what the dataset holds.
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportReport, REPORTS, type ExportRequest } from '../../src/main/reports/export.js';
import { pdfText } from '../support/pdfText.js';
import { paidApplication } from './support/paid.js';
import { count, makeDesk, seedApplication, tempDir, type TestDesk } from './support/tempDesk.js';
import { mpesaStatement } from './support/statements.js';

let t: TestDesk;
const out = tempDir('kmlttb-reports-dataset-');
let month = '';
let mombasa = '';

type Cell = string | number | Date | boolean | null;
interface ReadBack {
  csv: Record<string, string>[];
  xlsx: Record<string, Cell>[];
  pdf: string;
  /** The rows exportReport said it wrote, for CSV, XLSX and PDF. */
  counts: number[];
  /** The same, when the three agree. */
  rows: number;
}

let seq = 0;
/** Exports a report in the three formats and reads each file back. */
async function exportAll(report: string, filters: Omit<ExportRequest, 'report' | 'format' | 'out'> = {}, actor = t.actors.auditor): Promise<ReadBack> {
  const file = (ext: string) => path.join(out, `${report}-${++seq}.${ext}`);
  const csvFile = file('csv');
  const xlsxFile = file('xlsx');
  const pdfFile = file('pdf');
  const counts = [
    await exportReport(t.desk, actor, { report, format: 'csv', out: csvFile, ...filters }),
    await exportReport(t.desk, actor, { report, format: 'xlsx', out: xlsxFile, ...filters }),
    await exportReport(t.desk, actor, { report, format: 'pdf', out: pdfFile, ...filters }),
  ];

  const csv = parse(fs.readFileSync(csvFile, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(xlsxFile);
  const sheet = book.worksheets[0]!;
  const header = (sheet.getRow(1).values as string[]).slice(1);
  expect(header).toEqual(REPORTS[report as keyof typeof REPORTS].columns.map((c) => c.key));
  const xlsx: Record<string, Cell>[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    xlsx.push(Object.fromEntries(header.map((key, i) => [key, (row.getCell(i + 1).value ?? null) as Cell])));
  }
  const pdf = (await pdfText(fs.readFileSync(pdfFile))).join('\n');
  return { csv, xlsx, pdf, counts, rows: new Set(counts).size === 1 ? counts[0]! : -1 };
}

const kes = (cents: number) => `KES ${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const sumCsv = (rows: Record<string, string>[], key: string) => Math.round(rows.reduce((s, r) => s + (r[key] ? Number(r[key]) * 100 : 0), 0));
const sumXlsx = (rows: Record<string, Cell>[], key: string) =>
  Math.round(rows.reduce((s, r) => s + (typeof r[key] === 'number' ? (r[key] as number) * 100 : 0), 0));
const tally = (values: readonly unknown[]) => {
  const m: Record<string, number> = {};
  for (const v of values) m[String(v)] = (m[String(v)] ?? 0) + 1;
  return m;
};

/** The same count in all three files, and each money total the same in all three. */
function expectRowsAndTotals(r: ReadBack, rows: number, totals: Record<string, number> = {}) {
  expect(r.rows).toBe(rows);
  expect(r.csv).toHaveLength(rows);
  expect(r.xlsx).toHaveLength(rows);
  expect(r.pdf).toContain(`${rows} rows`);
  for (const [key, cents] of Object.entries(totals)) {
    expect(sumCsv(r.csv, key), `CSV total ${key}`).toBe(cents);
    expect(sumXlsx(r.xlsx, key), `XLSX total ${key}`).toBe(cents);
    expect(r.pdf, `PDF total ${key}`).toContain(`total ${key.replaceAll('_', ' ')}: ${kes(cents)}`);
  }
}

/** The same tally of a column in CSV and XLSX. */
function expectTally(r: ReadBack, key: string, expected: Record<string, number>) {
  expect(tally(r.csv.map((row) => row[key]))).toEqual(expected);
  expect(tally(r.xlsx.map((row) => row[key]))).toEqual(expected);
}

const ok = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

beforeAll(async () => {
  t = await makeDesk();
  const { officer, clerk } = t.actors;
  mombasa = t.desk.sqlite.prepare('SELECT name FROM centres WHERE id = ?').pluck().get(t.centres.mombasa) as string;
  // Fees for 2026: technologist KES 3,000.00, technician KES 2,000.00.
  // A1, A2 (Nairobi) and A3 (Mombasa) are paid and licensed; A1 is collected, A2 waits at the centre, A3 is not dispatched.
  const a1 = await paidApplication(t.desk, officer, { firstName: 'Achieng', lastName: 'Otieno', nationalId: '11111111' });
  const a2 = await paidApplication(t.desk, officer, { firstName: 'Baraka', lastName: 'Mwangi', nationalId: '22222222', cadre: 'technician' });
  const a3 = await paidApplication(t.desk, officer, { firstName: 'Chebet', lastName: 'Rotich', nationalId: '33333333', centreId: t.centres.mombasa });
  ok(await t.desk.dispatch('licence.issue', { applicationIds: [a1, a2, a3] }, officer));
  const batch = ok(await t.desk.dispatch('batch.create', { centreId: t.centres.nairobi }, officer));
  ok(await t.desk.dispatch('batch.receive', { batchId: batch.id }, clerk));
  const licenceOf = (applicationId: string) => t.desk.sqlite.prepare('SELECT id FROM licences WHERE application_id = ?').pluck().get(applicationId) as string;
  ok(await t.desk.dispatch('licence.collect', { licenceId: licenceOf(a1), collector: 'holder' }, clerk));
  // A4 approved and unpaid; A5 rejected; A6 returned; A7 a 2025 application still submitted.
  ok(
    await t.desk.dispatch(
      'application.approve',
      { applicationId: seedApplication(t.desk, { firstName: 'Daudi', lastName: 'Kiprop', nationalId: '44444444' }) },
      officer,
    ),
  );
  ok(
    await t.desk.dispatch(
      'application.reject',
      { applicationId: seedApplication(t.desk, { firstName: 'Esther', lastName: 'Wambui', nationalId: '55555555' }), reason: 'Not on the register' },
      officer,
    ),
  );
  ok(
    await t.desk.dispatch(
      'application.return',
      { applicationId: seedApplication(t.desk, { firstName: 'Faith', lastName: 'Njeri', nationalId: '66666666' }), reason: 'CPD certificate missing' },
      officer,
    ),
  );
  seedApplication(t.desk, { firstName: 'Gitau', lastName: 'Kamau', nationalId: '77777777', licenceYear: 2025 });
  // A payment nobody can place: KES 1,500.00 with an unknown reference.
  const statement = mpesaStatement(['QZ1,2026-11-21 10:00:00,Pay Bill,Completed,1500.00,,254712000099 - NOBODY,ZZZ999']);
  ok(await t.desk.dispatch('payments.import', { fileName: 'mpesa.csv', dataBase64: Buffer.from(statement).toString('base64'), dryRun: false }, officer));
  month = new Date(t.clock().getTime() + 3 * 3600_000).toISOString().slice(0, 7);
});
afterAll(async () => {
  await t.desk.close();
});

describe('the eight reports on a known dataset, in CSV, XLSX and PDF', () => {
  it('applications: seven, KES 11,000.00 due and 8,000.00 paid; narrowed by licence year and state', async () => {
    const all = await exportAll('applications');
    expectRowsAndTotals(all, 7, { amount_due: 11_000_00, amount_paid: 8_000_00 });
    expectTally(all, 'status', { licensed: 3, approved: 1, rejected: 1, returned: 1, submitted: 1 });
    expect(all.csv.map((r) => r.national_id).sort()).toEqual(['11111111', '22222222', '33333333', '44444444', '55555555', '66666666', '77777777']);
    expect(all.pdf).toContain('Achieng Otieno');
    const year2026 = await exportAll('applications', { licenceYear: 2026 });
    expectRowsAndTotals(year2026, 6, { amount_due: 11_000_00, amount_paid: 8_000_00 });
    const licensed = await exportAll('applications', { state: 'licensed', officer: 'officer' });
    expectRowsAndTotals(licensed, 3, { amount_due: 8_000_00, amount_paid: 8_000_00 });
    expect(licensed.pdf).toContain('Filters: state licensed, officer officer');
  });

  it('reconciliation: four payments, KES 9,500.00, one unmatched', async () => {
    const all = await exportAll('reconciliation');
    expectRowsAndTotals(all, 4, { amount: 9_500_00 });
    expectTally(all, 'match_status', { matched: 3, unmatched: 1 });
    expect(all.csv.find((r) => r.match_status === 'unmatched')).toMatchObject({
      transaction_id: 'QZ1',
      amount: '1500.00',
      reference_typed: 'ZZZ999',
      matched_bill_ref: '',
    });
    const unmatched = await exportAll('reconciliation', { state: 'unmatched' });
    expectRowsAndTotals(unmatched, 1, { amount: 1_500_00 });
  });

  it('invoices: four, KES 11,000.00 due, 8,000.00 paid, 3,000.00 outstanding', async () => {
    const all = await exportAll('invoices');
    expectRowsAndTotals(all, 4, { amount_due: 11_000_00, amount_paid: 8_000_00, balance: 3_000_00 });
    expectTally(all, 'status', { paid: 3, unpaid: 1 });
    expect(all.csv.find((r) => r.status === 'unpaid')).toMatchObject({ national_id: '44444444', balance: '3000.00' });
    const unpaid = await exportAll('invoices', { state: 'unpaid' });
    expectRowsAndTotals(unpaid, 1, { amount_due: 3_000_00, amount_paid: 0, balance: 3_000_00 });
  });

  it('licences: three, one collected, one at the centre, one issued; a clerk sees their centre only', async () => {
    const all = await exportAll('licences');
    expectRowsAndTotals(all, 3);
    expectTally(all, 'status', { collected: 1, at_centre: 1, issued: 1 });
    expect(all.csv.map((r) => r.licence_no)).toEqual(['KMLTTB/2026/000001', 'KMLTTB/2026/000002', 'KMLTTB/2026/000003']);
    for (const r of all.csv) expect(all.pdf).toContain(r.licence_no);
    expect(all.csv.find((r) => r.status === 'collected')).toMatchObject({ national_id: '11111111', clerk: 'clerk.nrb' });
    const nairobi = await exportAll('licences', {}, t.actors.clerk);
    expectRowsAndTotals(nairobi, 2);
    const atCentre = await exportAll('licences', { state: 'at_centre' });
    expectRowsAndTotals(atCentre, 1);
    expect(atCentre.csv[0]!.national_id).toBe('22222222');
  });

  it('collection: one row per active centre; Nairobi has one at the centre and one collected, Mombasa one issued', async () => {
    const centres = count(t.desk, 'centres', 'active = 1');
    const all = await exportAll('collection');
    expectRowsAndTotals(all, centres);
    const byCentre = Object.fromEntries(all.csv.map((r) => [r.centre, r]));
    expect(byCentre['RBTC Nairobi']).toEqual({
      centre: 'RBTC Nairobi',
      issued: '0',
      dispatched: '0',
      at_centre: '1',
      collected: '1',
      awaiting_over_30_days: '0',
    });
    expect(byCentre[mombasa]).toEqual({ centre: mombasa, issued: '1', dispatched: '0', at_centre: '0', collected: '0', awaiting_over_30_days: '0' });
    for (const key of ['issued', 'dispatched', 'at_centre', 'collected'] as const) {
      const expected = { issued: 1, dispatched: 0, at_centre: 1, collected: 1 }[key];
      expect(all.csv.reduce((s, r) => s + Number(r[key]), 0)).toBe(expected);
      expect(all.xlsx.reduce((s, r) => s + Number(r[key]), 0)).toBe(expected);
    }
    expect(all.pdf).toContain('RBTC Nairobi');
  });

  it('sms: every message queued, two of them ready-for-collection notices', async () => {
    const messages = count(t.desk, 'sms_messages');
    expect(messages).toBeGreaterThan(2);
    const all = await exportAll('sms');
    expectRowsAndTotals(all, messages);
    expect(all.csv.filter((r) => r.event === 'at_centre')).toHaveLength(2);
    expectTally(all, 'status', { queued: messages });
    const queued = await exportAll('sms', { state: 'queued', licenceYear: 2026 });
    expectRowsAndTotals(queued, messages);
    const failed = await exportAll('sms', { state: 'failed' });
    expectRowsAndTotals(failed, 0);
  });

  it("turnaround: the officer's six decisions this month, four approvals, one rejection, one return", async () => {
    const all = await exportAll('turnaround');
    expectRowsAndTotals(all, 1);
    expect(all.csv[0]).toMatchObject({ officer: 'officer', month, decided: '6', approved: '4', rejected: '1', returned: '1' });
    expect(all.xlsx[0]).toMatchObject({ officer: 'officer', month, decided: 6, approved: 4, rejected: 1, returned: 1 });
    expect(all.pdf).toContain(month);
    expectRowsAndTotals(await exportAll('turnaround', { officer: 'auditor' }), 0);
  });

  it('audit: every event before the export, in order; narrowed to one actor', async () => {
    const events = count(t.desk, 'audit_events');
    const all = await exportAll('audit');
    // Each export is recorded once its file is written: the XLSX holds the CSV's export too, the PDF both.
    expect(all.counts).toEqual([events, events + 1, events + 2]);
    expect(all.csv).toHaveLength(events);
    expect(all.xlsx).toHaveLength(events + 1);
    expect(all.pdf).toContain(`${events + 2} rows`);
    expect(all.csv.map((r) => Number(r.seq))).toEqual(Array.from({ length: events }, (_, i) => i + 1));
    expect(all.xlsx.map((r) => r.seq)).toEqual(Array.from({ length: events + 1 }, (_, i) => i + 1));
    expect(all.xlsx.at(-1)).toMatchObject({ actor: 'auditor', action: 'report.exported', summary: `audit exported as CSV: ${events} rows` });
    expect(all.csv.every((r) => /^[0-9a-f]{64}$/.test(r.hash!))).toBe(true);
    const byClerk = count(t.desk, 'audit_events', "actor_name = 'clerk.nrb'");
    expect(byClerk).toBeGreaterThan(0);
    const clerk = await exportAll('audit', { officer: 'clerk.nrb' });
    expectRowsAndTotals(clerk, byClerk);
  });
});
