/**
 * Issue 17: what an auditor traces is printed whole in every PDF report. Each of the eight
 * reports is exported as CSV and as PDF on a dataset made through the real commands (on the
 * desk's test clock), the PDF is read back with pdf.js, and every identifier, phone, reference,
 * amount and header the CSV holds is found whole in the PDF, with no '…' anywhere. Headers are
 * the columns' titles ("Bill reference"), not their keys (`bill_ref`), which the CSV keeps.
 */
import { parse } from 'csv-parse/sync';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportReport, REPORTS } from '../../src/main/reports/export.js';
import { writePdf } from '../../src/main/reports/pdf.js';
import { ident, money, text } from '../../src/main/reports/types.js';
import { columnTitle } from '../../src/shared/reportColumnTitles.js';
import { pdfText } from '../support/pdfText.js';
import { paidApplication } from './support/paid.js';
import { makeDesk, seedApplication, tempDir, type TestDesk } from './support/tempDesk.js';

let t: TestDesk;
const out = tempDir('kmlttb-reports-pdf-');

const ok = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

/** What the dataset made, to be found whole in the PDFs. */
const made = { billRefs: [] as string[], phones: [] as string[], applicationRefs: [] as string[], registrationNos: [] as string[] };

const LONG_REASON =
  'The CPD certificates attached for the 2026 licence year could not be verified with the issuing institutions: ' +
  'the Kenya Medical Training College record shows 12 points, not the 40 claimed, and the certificate from the ' +
  'county laboratory workshop carries no serial number. Please attach verified certificates, confirm your ' +
  'registration number with the registrar and resubmit the application on eCitizen before the end of the month.';
const LONG_NOTE =
  'Payer called on 0722 000 111: the amount was meant for the Kenya Medical Practitioners and Dentists Council, not this Board; refer them to their bank for a reversal.';
const PROXY = 'Mwanaisha Chepkemoi Wanjiku-Achieng Odhiambo';

function setPractitioner(applicationId: string, fields: { registration_no?: string; phone?: string | null; phone_raw?: string }) {
  for (const [column, value] of Object.entries(fields)) {
    t.desk.sqlite
      .prepare(`UPDATE practitioners SET ${column} = ? WHERE id = (SELECT practitioner_id FROM applications WHERE id = ?)`)
      .run(value, applicationId);
  }
}

beforeAll(async () => {
  t = await makeDesk();
  const { officer, clerk } = t.actors;
  const paid: string[] = [];
  for (let i = 0; i < 6; i++) {
    const ref = `KMLTTB-APP-${String(101 + i).padStart(6, '0')}`;
    const phone = `2547${String(22_000_111 + i * 1_111_111).padStart(8, '0')}`;
    const id = await paidApplication(t.desk, officer, {
      ref,
      phone,
      nationalId: String(30_000_001 + i),
      firstName: ['Achieng', 'Baraka', 'Chebet', 'Daudi', 'Esther', 'Faith'][i]!,
      lastName: ['Odhiambo-Wanjiku', 'Mwangi', 'Kiprotich Rotich', 'Kiprop', 'Wambui', 'Njeri'][i]!,
      cadre: i % 2 ? 'technician' : 'technologist',
    });
    const registrationNo = i % 2 ? `C/2018/0${String(991 + i)}` : `MLT/2015/0${String(12_345 + i)}`;
    setPractitioner(id, { registration_no: registrationNo });
    paid.push(id);
    made.applicationRefs.push(ref);
    made.phones.push(phone);
    made.registrationNos.push(registrationNo);
  }
  ok(await t.desk.dispatch('licence.issue', { applicationIds: paid }, officer));
  const batch = ok(await t.desk.dispatch('batch.create', { centreId: t.centres.nairobi }, officer));
  ok(await t.desk.dispatch('batch.receive', { batchId: batch.id }, clerk));
  const licence = t.desk.sqlite.prepare('SELECT id FROM licences WHERE application_id = ?').pluck().get(paid[0]) as string;
  ok(
    await t.desk.dispatch(
      'licence.collect',
      { licenceId: licence, collector: 'proxy', collectorName: PROXY, collectorIdNo: 'A123456789', note: 'Letter of authority from the holder seen' },
      clerk,
    ),
  );

  // Approved and unpaid, rejected with a long reason, returned; one whose phone a spreadsheet mangled.
  for (let i = 0; i < 3; i++) {
    const ref = `KMLTTB-APP-${String(201 + i).padStart(6, '0')}`;
    const id = seedApplication(t.desk, { ref, phone: `2541${String(10_000_000 + i * 3_654_321)}`, nationalId: String(40_000_001 + i) });
    setPractitioner(id, { registration_no: `T/2010/0${String(1234 + i)}` });
    ok(await t.desk.dispatch('application.approve', { applicationId: id }, officer));
    made.applicationRefs.push(ref);
    made.registrationNos.push(`T/2010/0${String(1234 + i)}`);
  }
  const rejected = seedApplication(t.desk, { ref: 'KMLTTB-APP-000301', nationalId: '50000001' });
  ok(await t.desk.dispatch('application.reject', { applicationId: rejected, reason: LONG_REASON }, officer));
  const returned = seedApplication(t.desk, { ref: 'KMLTTB-APP-000302', nationalId: '50000002', phone: null });
  setPractitioner(returned, { phone_raw: '2.54722E+11' });
  ok(await t.desk.dispatch('application.return', { applicationId: returned, reason: 'Please accept the declarations and resubmit.' }, officer));
  made.applicationRefs.push('KMLTTB-APP-000301', 'KMLTTB-APP-000302');
  made.billRefs.push(...(t.desk.sqlite.prepare('SELECT bill_ref FROM invoices ORDER BY bill_ref').pluck().all() as string[]));

  // Payments nobody can place, one marked as not ours with a long note.
  const statement = [
    'Receipt No.,Completion Time,Details,Transaction Status,Paid In,Withdrawn,Other Party Info,A/C No.',
    'TEU4K2Q8ZA,2026-11-21 10:00:00,Pay Bill,Completed,1500.00,,254712000099 - NOBODY,lb22 9blx kq',
    'TEU5M7R1XC,2026-11-21 11:00:00,Pay Bill,Completed,"12,500.00",,254733444555 - MARY NJERI,ACC FOR MY LICENCE',
  ].join('\n');
  ok(await t.desk.dispatch('payments.import', { fileName: 'mpesa.csv', dataBase64: Buffer.from(statement).toString('base64'), dryRun: false }, officer));
  const paymentId = t.desk.sqlite.prepare("SELECT payment_id FROM payment_keys WHERE key = 'TEU5M7R1XC'").pluck().get() as string;
  ok(await t.desk.dispatch('payment.ignore', { paymentId, reason: LONG_NOTE }, officer));
});
afterAll(async () => {
  await t.desk.close();
});

/**
 * The PDF's text as a person reads it: a wrapped line goes on after a space (pdf.js gives each
 * printed line apart), or straight on after a hyphen where a long word was broken.
 */
const readable = (pages: string[]) => pages.join('\n').replace(/\s+/g, ' ').replace(/- /g, '-');

let seq = 0;
/** The report as CSV rows and as the text of its PDF. */
async function exportBoth(report: keyof typeof REPORTS): Promise<{ csv: Record<string, string>[]; pdf: string; pages: number }> {
  const csvFile = path.join(out, `${report}-${++seq}.csv`);
  const pdfFile = path.join(out, `${report}-${seq}.pdf`);
  await exportReport(t.desk, t.actors.auditor, { report, format: 'csv', out: csvFile });
  await exportReport(t.desk, t.actors.auditor, { report, format: 'pdf', out: pdfFile });
  const pages = await pdfText(fs.readFileSync(pdfFile));
  return {
    csv: parse(fs.readFileSync(csvFile, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[],
    pdf: readable(pages),
    pages: pages.length,
  };
}

/** `3000.00` as print shows it: `3,000.00`. */
const printedMoney = (csv: string) => Number(csv).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
/** `2026-11-25T10:30:00+03:00` as print shows it: `2026-11-25 10:30`. */
const printedTime = (csv: string) => csv.slice(0, 16).replace('T', ' ');

/** The columns of each report an auditor traces: every value of them must be printed whole. */
const TRACED: Record<keyof typeof REPORTS, string[]> = {
  applications: [
    'application_ref',
    'submitted_at',
    'national_id',
    'registration_no',
    'phone',
    'status',
    'decided_by',
    'decided_at',
    'bill_ref',
    'amount_due',
    'amount_paid',
    'licence_no',
  ],
  reconciliation: ['transaction_id', 'paid_at', 'amount', 'reference_typed', 'match_status', 'matched_bill_ref', 'application_ref', 'match_rule', 'matched_by'],
  invoices: ['bill_ref', 'application_ref', 'national_id', 'amount_due', 'amount_paid', 'balance', 'status'],
  licences: ['licence_no', 'licence_year', 'national_id', 'status', 'issued_at', 'dispatched_at', 'received_at', 'collected_at', 'collector_id_no', 'clerk'],
  collection: ['issued', 'dispatched', 'at_centre', 'collected', 'awaiting_over_30_days'],
  sms: ['created_at', 'phone', 'event', 'language', 'parts', 'status'],
  turnaround: ['officer', 'month', 'decided', 'approved', 'rejected', 'returned', 'median_hours_to_decision'],
  audit: ['seq', 'at', 'actor', 'desk', 'action', 'entity', 'entity_id', 'hash'],
};

function expectWhole(report: keyof typeof REPORTS, csv: Record<string, string>[], pdf: string) {
  const kinds = new Map(REPORTS[report].columns.map((c) => [c.key, c.kind]));
  for (const key of TRACED[report]) {
    for (const row of csv) {
      const value = row[key]!;
      if (value === '') continue;
      const printed = kinds.get(key) === 'money' ? printedMoney(value) : kinds.get(key) === 'datetime' ? printedTime(value) : value;
      expect(pdf, `${report}: ${key} ${printed}`).toContain(printed);
    }
  }
}

describe('every PDF report prints what an auditor traces whole (issue 17)', () => {
  for (const report of Object.keys(REPORTS) as (keyof typeof REPORTS)[]) {
    it(`${report}: every identifier, amount and time whole, every header whole, money labelled KES, no ellipsis`, async () => {
      const { csv, pdf } = await exportBoth(report);
      expect(csv.length).toBeGreaterThan(0);
      expect(pdf).not.toContain('…');
      expect(pdf).toContain(`${csv.length} rows`);
      expect(Object.keys(csv[0]!), 'the CSV keeps the keys').toEqual(REPORTS[report].columns.map((c) => c.key));
      for (const column of REPORTS[report].columns) {
        const title = columnTitle(column.key);
        expect(pdf, `${report} header ${column.key}`).toContain(column.kind === 'money' ? `${title} (KES)` : title);
      }
      expectWhole(report, csv, pdf);
    });
  }

  it('applications: every bill reference, phone, application reference and registration number of the data, and the long reason wrapped, not cut', async () => {
    const { pdf } = await exportBoth('applications');
    expect(made.billRefs.length).toBe(9);
    for (const ref of made.billRefs) expect(pdf).toContain(ref);
    for (const phone of made.phones) expect(pdf).toContain(phone);
    for (const ref of made.applicationRefs) expect(pdf).toContain(ref);
    for (const no of made.registrationNos) expect(pdf).toContain(no);
    expect(pdf).toContain('2.54722E+11');
    expect(pdf).toContain(LONG_REASON);
    expect(pdf).toContain('Achieng Odhiambo-Wanjiku');
    for (const title of ['Application', 'National ID', 'Registration number', 'Bill reference', 'Amount due (KES)', 'Licence number'])
      expect(pdf).toContain(title);
    for (const key of ['application ref', 'application_ref', 'national id', 'registration no', 'bill ref', 'licence no']) expect(pdf).not.toContain(key);
  });

  it('invoices and reconciliation: every bill reference whole; the payer’s reference and a long note whole', async () => {
    const invoices = await exportBoth('invoices');
    for (const ref of made.billRefs) expect(invoices.pdf).toContain(ref);
    const reconciliation = await exportBoth('reconciliation');
    for (const ref of made.billRefs.filter((r) => reconciliation.csv.some((row) => row.matched_bill_ref === r))) expect(reconciliation.pdf).toContain(ref);
    expect(reconciliation.csv.filter((r) => r.matched_bill_ref !== '')).toHaveLength(6);
    expect(reconciliation.pdf).toContain('lb22 9blx kq');
    expect(reconciliation.pdf).toContain('ACC FOR MY LICENCE');
    expect(reconciliation.pdf).toContain(LONG_NOTE);
    expect(reconciliation.pdf).toContain('total amount: KES 29,000.00');
  });

  it('sms and licences: the phones each message went to, and the proxy who collected', async () => {
    const sms = await exportBoth('sms');
    for (const phone of made.phones) expect(sms.pdf).toContain(phone);
    const licences = await exportBoth('licences');
    expect(licences.pdf).toContain(PROXY);
    expect(licences.pdf).toContain('A123456789');
  });

  it('audit: every hash and every entity id whole, over several pages', async () => {
    const { csv, pdf, pages } = await exportBoth('audit');
    expect(pages).toBeGreaterThan(1);
    for (const row of csv) {
      expect(pdf).toContain(row.hash!);
      expect(pdf).toContain(row.entity_id!);
    }
  });

  it('a record taller than a page carries on over the next page under the header again, nothing cut', async () => {
    const words = Array.from({ length: 1500 }, (_, i) => `word${i}`);
    const file = path.join(out, 'tall.pdf');
    await writePdf(
      file,
      { title: 'Tall', filters: '', generatedBy: 'test', generatedAt: 'now', totals: ['amount'] },
      [ident('bill_ref', 'LBWWWWWWWW'), text('note', 30), money('amount')],
      [
        { bill_ref: 'LB2237PN9Y', note: words.join(' '), amount: 150_000 },
        { bill_ref: 'LB229BLXKQ', note: 'short', amount: 50 },
      ],
    );
    const pages = await pdfText(fs.readFileSync(file));
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(page).toContain('Bill reference');
    const all = readable(pages);
    expect(all.match(/word\d+/g)).toEqual(words);
    expect(all).toContain('LB229BLXKQ');
    expect(all).toContain('2 rows · total amount: KES 1,500.50');
  });
});
