import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportReport, REPORTS } from '../../src/main/reports/export.js';
import { nairobiDay, nairobiYear } from '../../src/shared/time.js';
import { pdfText } from '../support/pdfText.js';
import { paidApplication } from './support/paid.js';
import { count, makeDesk, seedApplication, tempDir, type TestDesk } from './support/tempDesk.js';

let t: TestDesk;
const out = tempDir('kmlttb-reports-');
const file = (name: string) => path.join(out, name);
const csvLines = (name: string) => fs.readFileSync(file(name), 'utf8').trim().split('\n');

beforeAll(async () => {
  t = await makeDesk();
  // A known dataset: one paid and licensed, one approved (unpaid), one rejected, one whose name is a formula.
  const paid = await paidApplication(t.desk, t.actors.officer, { firstName: 'Achieng', lastName: 'Otieno', nationalId: '11111111' });
  const issued = await t.desk.dispatch('licence.issue', { applicationIds: [paid] }, t.actors.officer);
  if (!issued.ok) throw new Error(issued.error.message);
  await t.desk.dispatch(
    'application.approve',
    { applicationId: seedApplication(t.desk, { firstName: 'Brian', lastName: 'Kamau', nationalId: '22222222' }) },
    t.actors.officer,
  );
  await t.desk.dispatch(
    'application.reject',
    { applicationId: seedApplication(t.desk, { firstName: 'Chebet', lastName: 'Rotich', nationalId: '33333333' }), reason: 'Not on the register' },
    t.actors.officer,
  );
  seedApplication(t.desk, { firstName: "=cmd|' /C calc'!A0", lastName: '@SUM(A1)', nationalId: '44444444' });
});
afterAll(async () => {
  await t.desk.close();
});

describe('reports', () => {
  it('offers every report INTERFACES.md names, with at least its columns', () => {
    const expected: Record<string, string[]> = {
      applications: [
        'application_ref',
        'submitted_at',
        'national_id',
        'registration_no',
        'full_name',
        'phone',
        'cadre',
        'licence_year',
        'cpd_points',
        'collection_centre',
        'status',
        'decided_by',
        'decided_at',
        'reason',
        'bill_ref',
        'amount_due',
        'amount_paid',
        'licence_no',
      ],
      reconciliation: [
        'transaction_id',
        'paid_at',
        'amount',
        'channel',
        'reference_typed',
        'match_status',
        'matched_bill_ref',
        'application_ref',
        'match_rule',
        'matched_by',
        'note',
        'suggested_bill_ref',
      ],
      invoices: ['bill_ref', 'application_ref', 'national_id', 'amount_due', 'amount_paid', 'balance', 'status'],
      licences: [
        'licence_no',
        'licence_year',
        'national_id',
        'full_name',
        'centre',
        'status',
        'issued_at',
        'dispatched_at',
        'received_at',
        'collected_at',
        'collected_by',
        'collector_id_no',
        'clerk',
      ],
      collection: ['centre', 'issued', 'dispatched', 'at_centre', 'collected', 'awaiting_over_30_days'],
      sms: ['created_at', 'phone', 'event', 'language', 'parts', 'status', 'sent_at', 'delivered_at', 'failure_reason'],
      turnaround: ['officer', 'month', 'decided', 'approved', 'rejected', 'returned', 'median_hours_to_decision'],
      audit: ['seq', 'at', 'actor', 'desk', 'action', 'entity', 'entity_id', 'summary', 'hash'],
    };
    for (const [name, columns] of Object.entries(expected)) {
      expect(REPORTS[name as keyof typeof REPORTS].columns.map((c) => c.key)).toEqual(columns);
    }
  });

  it('writes the applications report as CSV: money in KES with two decimals, Nairobi times with offset, formulas neutralised', async () => {
    expect(await exportReport(t.desk, t.actors.auditor, { report: 'applications', format: 'csv', out: file('apps.csv') })).toBe(4);
    const lines = csvLines('apps.csv');
    expect(lines[0]).toBe(
      'application_ref,submitted_at,national_id,registration_no,full_name,phone,cadre,licence_year,cpd_points,collection_centre,status,decided_by,decided_at,reason,bill_ref,amount_due,amount_paid,licence_no',
    );
    const achieng = lines.find((l) => l.includes('11111111'))!;
    expect(achieng).toMatch(/,licensed,officer,\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+03:00,/);
    expect(achieng).toMatch(/,3000\.00,3000\.00,KMLTTB\/2026\/000001$/);
    const formula = lines.find((l) => l.includes('44444444'))!;
    expect(formula).toContain(`,'=cmd|' /C calc'!A0 @SUM(A1),`);
    expect(formula).not.toMatch(/,=cmd/);
  });

  it('writes typed XLSX cells: dates as dates, money as numbers, a bold frozen header, and text that never runs as a formula', async () => {
    await exportReport(t.desk, t.actors.auditor, { report: 'applications', format: 'xlsx', out: file('apps.xlsx') });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file('apps.xlsx'));
    const sheet = wb.worksheets[0]!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getRow(1).getCell(1).value).toBe('application_ref');
    expect(sheet.getRow(1).font?.bold).toBe(true);
    const header = (sheet.getRow(1).values as string[]).slice(1);
    const rowOf = (id: string) => {
      for (let r = 2; r <= sheet.rowCount; r++) if (sheet.getRow(r).getCell(header.indexOf('national_id') + 1).value === id) return sheet.getRow(r);
      throw new Error(id);
    };
    const achieng = rowOf('11111111');
    expect(achieng.getCell(header.indexOf('amount_due') + 1).value).toBe(3000);
    expect(achieng.getCell(header.indexOf('amount_due') + 1).numFmt).toBe('#,##0.00');
    expect(achieng.getCell(header.indexOf('submitted_at') + 1).value).toBeInstanceOf(Date);
    const name = rowOf('44444444').getCell(header.indexOf('full_name') + 1);
    expect(name.type).toBe(ExcelJS.ValueType.String);
    expect(name.text).toBe("'=cmd|' /C calc'!A0 @SUM(A1)");
    expect(name.formula).toBeUndefined();
  });

  it('prints a PDF with its title, filters, who generated it, page numbers and totals', async () => {
    // A period around the desk's today, where its invoices were made.
    const year = nairobiYear(t.clock());
    const [from, to] = [`${year - 1}-01-01`, `${year + 1}-12-31`];
    await exportReport(t.desk, t.actors.auditor, { report: 'invoices', format: 'pdf', out: file('invoices.pdf'), from, to });
    const [page] = await pdfText(fs.readFileSync(file('invoices.pdf')));
    expect(page).toContain('Invoices');
    expect(page).toContain(`from ${from}, to ${to}`);
    expect(page).toContain('Generated by Test auditor (auditor)');
    expect(page).toContain('Page 1 of 1');
    expect(page).toContain('total amount due: KES 6,000.00');
    expect(page).toContain('total amount paid: KES 3,000.00');
  });

  it('counts collection by centre and turnaround by officer and month', async () => {
    await exportReport(t.desk, t.actors.auditor, { report: 'collection', format: 'csv', out: file('collection.csv') });
    expect(csvLines('collection.csv')).toContain('RBTC Nairobi,1,0,0,0,0');
    await exportReport(t.desk, t.actors.auditor, { report: 'turnaround', format: 'csv', out: file('turnaround.csv') });
    const month = nairobiDay(t.clock()).slice(0, 7);
    expect(csvLines('turnaround.csv')[1]).toMatch(new RegExp(`^officer,${month},3,2,1,0,0\\.0$`));
  });

  it('records each export in the audit trail, with who, which report, which filters and how many rows', async () => {
    await exportReport(t.desk, t.actors.officer, { report: 'reconciliation', format: 'csv', out: file('recon.csv'), from: '2026-01-01' });
    const e = t.desk.sqlite.prepare("SELECT actor_name, summary FROM audit_events WHERE action = 'report.exported' ORDER BY seq DESC LIMIT 1").get();
    expect(e).toEqual({ actor_name: 'officer', summary: 'reconciliation exported as CSV: 1 rows (from=2026-01-01)' });
  });

  it('leaves no file when an export is cancelled, and records nothing', async () => {
    const before = count(t.desk, 'audit_events', "action = 'report.exported'");
    const controller = new AbortController();
    controller.abort();
    await expect(
      exportReport(t.desk, t.actors.auditor, { report: 'audit', format: 'xlsx', out: file('cancelled.xlsx') }, { signal: controller.signal }),
    ).rejects.toThrow(/cancelled/);
    expect(fs.readdirSync(out).filter((f) => f.includes('cancelled'))).toEqual([]);
    expect(count(t.desk, 'audit_events', "action = 'report.exported'")).toBe(before);
  });

  it('gives a clerk only their own centre, and refuses reports their role may not run', async () => {
    await expect(exportReport(t.desk, t.actors.clerk, { report: 'applications', format: 'csv', out: file('x.csv') })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await exportReport(t.desk, t.actors.clerkOther, { report: 'licences', format: 'csv', out: file('msa-licences.csv') });
    expect(csvLines('msa-licences.csv')).toHaveLength(1);
    await expect(exportReport(t.desk, t.actors.clerkOther, { report: 'licences', format: 'csv', out: file('y.csv'), centre: 'NRB' })).rejects.toMatchObject({
      code: 'forbidden',
    });
  });
});

describe('report filters', () => {
  it('narrow a report by licence year, state and officer where the report has them', async () => {
    await exportReport(t.desk, t.actors.auditor, {
      report: 'applications',
      format: 'csv',
      out: file('rejected.csv'),
      state: 'rejected',
      officer: 'officer',
      licenceYear: 2026,
    });
    const lines = csvLines('rejected.csv');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('33333333');
    await exportReport(t.desk, t.actors.auditor, { report: 'applications', format: 'csv', out: file('none.csv'), licenceYear: 2031 });
    expect(csvLines('none.csv')).toHaveLength(1);
    const e = t.desk.sqlite.prepare("SELECT summary FROM audit_events WHERE action = 'report.exported' ORDER BY seq DESC LIMIT 2").pluck().all();
    expect(e).toEqual([
      'applications exported as CSV: 0 rows (licence year=2031)',
      'applications exported as CSV: 1 rows (licence year=2026, state=rejected, officer=officer)',
    ]);
  });
});
