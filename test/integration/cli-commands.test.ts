/**
 * The commands of INTERFACES.md "Command line: `kmlttb`" run as a user runs them (bin/kmlttb.js, the
 * built CLI): what each prints on success, exit 1 with a message naming the problem, and, for the
 * files they write, the files read back. Bad usage (exit 2) and --help of every command are checked on
 * the program the CLI is built from, in this process (a process per check would cost two seconds of
 * processor each); cli.test.ts and cli-built.test.ts show the built CLI answers them the same way.
 * init, backup, restore, server and sync succeed and fail in files of their own.
 *
 * The data folder is made once, in this process, and copied for each test that runs a command on it. */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/main/cli/index.js';
import { openDesk } from '../../src/main/desk.js';
import { licencesReport } from '../../src/main/reports/licencesReport.js';
import { startSmsGatewaySimulator } from '../fixtures/smsGatewaySimulator.js';
import { pdfText } from '../support/pdfText.js';
import { kmlttb as runKmlttb, type Run } from './backup/support.js';
import { copyOfFolder, makeCliFolder } from './support/cliFolder.js';
import { paidApplication } from './support/paid.js';
import { API_KEY } from './support/smsSetup.js';
import { seedApplication, tempDir, type TestDesk } from './support/tempDesk.js';

const APPLICATIONS_HEADER =
  'application_ref,submitted_at,national_id,registration_no,first_name,middle_name,last_name,phone,email,cadre,qualification,county,employer,licence_year,cpd_points,collection_centre,declaration_accepted,disclosures';
const PAYMENTS_HEADER = 'invoice_number,client_invoice_ref,amount_paid,invoice_amount,currency,payment_date,payment_channel,phone_number,status';

/** Commands run two at a time: side by side they take half the time on two cores, more would starve the tests beside this file. */
const MAX_SIDE_BY_SIDE = 2;
let running = 0;
const waiting: (() => void)[] = [];

async function kmlttb(args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  while (running >= MAX_SIDE_BY_SIDE) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await runKmlttb(args, env);
  } finally {
    running--;
    waiting.shift()?.();
  }
}

interface Prepared {
  dir: string;
  /** The approved application still to pay. */
  unpaid: { billRef: string; amount: string };
  valid: { licenceNo: string; payload: string };
  revoked: { licenceNo: string; payload: string };
  queuedSms: number;
}

let prepared: Prepared;

/** Two licensed applications (one licence revoked), one approved and unpaid, one submitted; SMS queued, no gateway. */
async function fill({ desk, actors: { officer } }: TestDesk): Promise<Omit<Prepared, 'dir'>> {
  const ok = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  const paid = [
    await paidApplication(desk, officer, { ref: 'ECZ-1001', nationalId: '27000001', firstName: 'Achieng', lastName: 'Otieno', phone: '254712000001' }),
    await paidApplication(desk, officer, { ref: 'ECZ-1002', nationalId: '27000002', firstName: 'Kiprono', lastName: 'Chebet', phone: '254712000002' }),
  ];
  const issued = ok(await desk.dispatch('licence.issue', { applicationIds: paid }, officer)).issued;
  const [first, second] = await Promise.all(issued.map(async (l) => ok(await desk.query('licence.detail', { id: l.licenceId }, officer))));
  ok(await desk.dispatch('licence.revoke', { licenceId: second!.id, reason: 'Registration removed by the Board' }, officer));
  const toApprove = seedApplication(desk, { ref: 'ECZ-1003', nationalId: '27000003', firstName: 'Wanjiru', lastName: 'Kamau', phone: '254712000003' });
  const approved = ok(await desk.dispatch('application.approve', { applicationId: toApprove }, officer));
  seedApplication(desk, { ref: 'ECZ-1004', nationalId: '27000004', firstName: 'Mwangi', lastName: 'Njoroge' });
  return {
    unpaid: { billRef: approved.billRef!, amount: (approved.amountDueCents! / 100).toFixed(2) },
    valid: { licenceNo: first!.licenceNo, payload: first!.qrPayload },
    revoked: { licenceNo: second!.licenceNo, payload: second!.qrPayload },
    queuedSms: desk.sqlite.prepare("SELECT count(*) FROM sms_messages WHERE state = 'queued'").pluck().get() as number,
  };
}

beforeAll(async () => {
  const { dir, made } = await makeCliFolder(fill);
  prepared = { dir, ...made };
});

/** A file in a folder of its own, beside no data folder. */
function fileWith(name: string, lines: string[]): string {
  const file = path.join(tempDir(), name);
  fs.writeFileSync(file, lines.join('\n'));
  return file;
}

/** What a command may have changed in a data folder, read after the command ends. */
async function tablesOf(dir: string) {
  const desk = openDesk(dir);
  try {
    const rows = (sql: string) => desk.sqlite.prepare(sql).all();
    return {
      applications: rows('SELECT application_ref, state FROM applications ORDER BY application_ref'),
      practitioners: rows('SELECT national_id FROM practitioners ORDER BY national_id'),
      payments: rows('SELECT transaction_id, state FROM payments ORDER BY transaction_id'),
      invoices: rows('SELECT bill_ref, state, amount_paid_cents FROM invoices ORDER BY bill_ref'),
      imports: rows('SELECT kind, file_name FROM imports ORDER BY at, file_name'),
      users: desk.sqlite.prepare('SELECT username FROM users ORDER BY username').pluck().all(),
      smsStates: desk.sqlite.prepare('SELECT state FROM sms_messages ORDER BY state').pluck().all(),
      auditActions: desk.sqlite.prepare('SELECT action FROM audit_events ORDER BY seq').pluck().all(),
    };
  } finally {
    await desk.close();
  }
}

// Each test on a copy of its own, so that they can run side by side: most of their time is a process starting.
describe.concurrent('each command as a user runs it (bin/kmlttb.js, the built CLI)', () => {
  describe('kmlttb import applications', () => {
    const intake = () =>
      fileWith('intake.csv', [
        APPLICATIONS_HEADER,
        'ECZ-2001,2026-11-02T09:15:00+03:00,28000001,T/2010/2001,Grace,,Wambui,0712000011,,technologist,,Nairobi,,2026,30,NRB,yes,',
        'ECZ-2002,02/11/2026 10:30,28000002,T/2010/2002,Otieno,,Ouma,0712000012,,technician,,Kisumu,,2026,25,RBTC Kisumu,yes,',
      ]);

    it('imports the file and prints what it did', async ({ expect }) => {
      const dir = copyOfFolder(prepared.dir);
      const r = await kmlttb(['--data', dir, 'import', 'applications', intake()]);
      expect(r).toMatchObject({ code: 0, out: 'Imported intake.csv: 2 rows read, 2 new, 0 resubmitted, 0 unchanged.\n' });
      const after = await tablesOf(dir);
      expect(after.applications).toEqual(
        expect.arrayContaining([
          { application_ref: 'ECZ-2001', state: 'submitted' },
          { application_ref: 'ECZ-2002', state: 'submitted' },
        ]),
      );
      expect(after.imports).toContainEqual({ kind: 'applications', file_name: 'intake.csv' });
    });

    it('with --dry-run prints what would happen and changes nothing', async ({ expect }) => {
      const dir = copyOfFolder(prepared.dir);
      const before = await tablesOf(dir);
      const r = await kmlttb(['--data', dir, 'import', 'applications', intake(), '--dry-run']);
      expect(r).toMatchObject({ code: 0, out: 'Dry run of intake.csv: 2 rows read, 2 new, 0 resubmitted, 0 unchanged.\n' });
      expect(await tablesOf(dir)).toEqual(before);
    });

    it('exits 1 naming the line and field of a bad row, importing nothing of the file', async ({ expect }) => {
      const dir = copyOfFolder(prepared.dir);
      const before = await tablesOf(dir);
      const file = fileWith('intake.csv', [
        APPLICATIONS_HEADER,
        'ECZ-2001,2026-11-02T09:15:00+03:00,28000001,T/2010/2001,Grace,,Wambui,0712000011,,technologist,,Nairobi,,2026,30,NRB,yes,',
        'ECZ-2003,2026-11-02T09:20:00+03:00,28000003,T/2010/2003,Juma,,Hassan,0712000013,,surgeon,,Mombasa,,2026,30,MSA,yes,',
      ]);
      const r = await kmlttb(['--data', dir, 'import', 'applications', file]);
      expect(r.code).toBe(1);
      expect(r.err).toBe("kmlttb: intake.csv: 1 problem; nothing was imported\n  line 3, cadre: 'surgeon' must be technologist or technician\n");
      expect(await tablesOf(dir)).toEqual(before);
    });
  });

  describe('kmlttb import payments', () => {
    const notifications = () =>
      fileWith('notifications.csv', [
        PAYMENTS_HEADER,
        `ECZ-P3001,${prepared.unpaid.billRef},${prepared.unpaid.amount},${prepared.unpaid.amount},KES,2026-11-20 10:00:00+03:00,MPESA,254712000003,settled`,
        'ECZ-P3002,LB00000000,1500.00,1500.00,KES,2026-11-20 11:00:00+03:00,MPESA,254799000001,settled',
        'ECZ-P3003,LB00000001,1500.00,1500.00,KES,2026-11-20 12:00:00+03:00,MPESA,254799000002,pending',
      ]);

    it('imports the file, matches what it can and prints how', async ({ expect }) => {
      const dir = copyOfFolder(prepared.dir);
      const r = await kmlttb(['--data', dir, 'import', 'payments', notifications()]);
      expect(r.code).toBe(0);
      expect(r.out.split('\n')).toEqual([
        'Imported notifications.csv (ecitizen-csv): 3 rows read, 2 new payments, 0 already known, 1 not counted.',
        'Auto-matched 1 (exact reference 1, check character 0, national ID 0); 1 left for a person.',
        'References the payers typed read from the client_invoice_ref column.',
        "  line 4: not counted: status is 'pending', not settled",
        '',
      ]);
      const after = await tablesOf(dir);
      expect(after.invoices).toContainEqual({ bill_ref: prepared.unpaid.billRef, state: 'paid', amount_paid_cents: Number(prepared.unpaid.amount) * 100 });
      expect(after.payments).toEqual(expect.arrayContaining([expect.objectContaining({ transaction_id: 'ECZ-P3002', state: 'unmatched' })]));
    });

    it('with --dry-run prints what would happen and changes nothing', async ({ expect }) => {
      const dir = copyOfFolder(prepared.dir);
      const before = await tablesOf(dir);
      const r = await kmlttb(['--data', dir, 'import', 'payments', notifications(), '--dry-run']);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/^Dry run of notifications\.csv \(ecitizen-csv\): 3 rows read, 2 new payments, 0 already known, 1 not counted\.\nAuto-matched 1 /);
      expect(await tablesOf(dir)).toEqual(before);
    });

    it('exits 1 naming what is wrong with a file that is not a payments file, importing nothing', async ({ expect }) => {
      const dir = copyOfFolder(prepared.dir);
      const before = await tablesOf(dir);
      const r = await kmlttb(['--data', dir, 'import', 'payments', fileWith('fees.csv', ['cadre,amount', 'technologist,3000'])]);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/^kmlttb: fees\.csv: 1 problem; nothing was imported\n {2}line 1: not a payments file: expected the eCitizen notification columns/);
      expect(await tablesOf(dir)).toEqual(before);
    });
  });

  describe('kmlttb export', () => {
    const out = (name: string) => path.join(tempDir(), name);

    it('writes CSV with the columns INTERFACES.md names, one line per application', async ({ expect }) => {
      const file = out('applications.csv');
      const r = await kmlttb(['--data', copyOfFolder(prepared.dir), 'export', 'applications', '--format', 'csv', '--out', file]);
      expect(r).toMatchObject({ code: 0, out: `Wrote 4 rows to ${file}.\n` });
      const [header, ...lines] = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
      expect(header).toBe(
        'application_ref,submitted_at,national_id,registration_no,full_name,phone,cadre,licence_year,cpd_points,collection_centre,status,decided_by,decided_at,reason,bill_ref,amount_due,amount_paid,licence_no',
      );
      expect(lines.map((l) => l.split(',')[0]).sort()).toEqual(['ECZ-1001', 'ECZ-1002', 'ECZ-1003', 'ECZ-1004']);
      expect(lines.find((l) => l.startsWith('ECZ-1001'))).toMatch(new RegExp(`,licensed,officer,.*,3000\\.00,3000\\.00,${prepared.valid.licenceNo}$`));
    });

    it('writes XLSX that Excel reads: the columns INTERFACES.md names, a row per licence, typed cells', async ({ expect }) => {
      const file = out('licences.xlsx');
      const r = await kmlttb(['--data', copyOfFolder(prepared.dir), 'export', 'licences', '--format', 'xlsx', '--out', file]);
      expect(r).toMatchObject({ code: 0, out: `Wrote 2 rows to ${file}.\n` });
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(file);
      const sheet = workbook.worksheets[0]!;
      const header = (sheet.getRow(1).values as string[]).slice(1);
      // The columns themselves are checked against INTERFACES.md in reports.test.ts.
      expect(header).toEqual(licencesReport.columns.map((c) => c.key));
      const cell = (row: number, column: string) => sheet.getRow(row).getCell(header.indexOf(column) + 1);
      const rows = [2, 3].map((r) => ({ licenceNo: cell(r, 'licence_no').text, status: cell(r, 'status').text, year: cell(r, 'licence_year').value }));
      expect(rows.sort((a, b) => a.licenceNo.localeCompare(b.licenceNo))).toEqual([
        { licenceNo: prepared.valid.licenceNo, status: 'issued', year: 2026 },
        { licenceNo: prepared.revoked.licenceNo, status: 'revoked', year: 2026 },
      ]);
      expect(cell(2, 'issued_at').value).toBeInstanceOf(Date);
      expect(sheet.rowCount).toBe(3);
    });

    it('writes a PDF with the title, the filters, who made it and the rows', async ({ expect }) => {
      const file = out('invoices.pdf');
      const period = ['--from', '2026-01-01', '--to', '2026-12-31'];
      const r = await kmlttb(['--data', copyOfFolder(prepared.dir), 'export', 'invoices', '--format', 'pdf', '--out', file, ...period]);
      expect(r).toMatchObject({ code: 0, out: `Wrote 3 rows to ${file}.\n` });
      const pages = await pdfText(fs.readFileSync(file));
      expect(pages).toHaveLength(1);
      expect(pages[0]).toContain('Invoices');
      expect(pages[0]).toContain('from 2026-01-01, to 2026-12-31');
      expect(pages[0]).toContain('Generated by System (system)');
      expect(pages[0]).toContain(prepared.unpaid.billRef);
      expect(pages[0]).toContain('total amount due: KES 9,000.00');
    });

    it('exits 1 naming an unknown report', async ({ expect }) => {
      const r = await kmlttb(['--data', copyOfFolder(prepared.dir), 'export', 'payers', '--format', 'csv', '--out', out('payers.csv')]);
      expect(r).toMatchObject({
        code: 1,
        err: "kmlttb: There is no report 'payers'. Reports: applications, reconciliation, invoices, licences, collection, sms, turnaround, audit.\n",
      });
    });

    it('exits 1 naming a folder that does not exist, writing nothing and recording no export', async ({ expect }) => {
      const dir = copyOfFolder(prepared.dir);
      const missing = path.join(tempDir(), 'no', 'such', 'folder', 'sms.csv');
      const r = await kmlttb(['--data', dir, 'export', 'sms', '--format', 'csv', '--out', missing]);
      expect(r).toMatchObject({ code: 1, err: `kmlttb: Cannot write ${missing}: its folder does not exist.\n` });
      expect((await tablesOf(dir)).auditActions).not.toContain('report.exported');
    });
  });

  describe('kmlttb sms send-pending', () => {
    it('sends the queued SMS through the gateway and prints the outcome', async ({ expect }) => {
      const gateway = await startSmsGatewaySimulator();
      try {
        gateway.script({ kind: 'recipient', statusCode: 403, status: 'InvalidPhoneNumber' });
        const dir = copyOfFolder(prepared.dir);
        const r = await kmlttb(['--data', dir, 'sms', 'send-pending'], {
          KMLTTB_SMS_BASE_URL: gateway.url,
          KMLTTB_SMS_USERNAME: 'kmlttb',
          KMLTTB_SMS_API_KEY: API_KEY,
          KMLTTB_SMS_SENDER_ID: 'KMLTTB',
        });
        expect(prepared.queuedSms).toBeGreaterThan(1);
        expect(r).toMatchObject({ code: 0, out: `Sent ${prepared.queuedSms - 1}, failed 1, uncertain 0, waiting to retry 0; 0 still queued.\n` });
        expect(gateway.requests).toHaveLength(prepared.queuedSms);
        expect(gateway.requests[0]).toMatchObject({ path: '/version1/messaging', headers: { apikey: API_KEY }, form: { username: 'kmlttb', from: 'KMLTTB' } });
        const states = (await tablesOf(dir)).smsStates;
        expect(states.filter((s) => s === 'queued')).toEqual([]);
        expect(states.filter((s) => s === 'failed')).toHaveLength(1);
      } finally {
        await gateway.close();
      }
    });

    it('exits 1 saying how to configure the gateway when none is set, sending nothing', async ({ expect }) => {
      const dir = copyOfFolder(prepared.dir);
      const r = await kmlttb(['--data', dir, 'sms', 'send-pending'], {
        KMLTTB_SMS_BASE_URL: undefined,
        KMLTTB_SMS_USERNAME: undefined,
        KMLTTB_SMS_API_KEY: undefined,
        KMLTTB_SMS_SENDER_ID: undefined,
      });
      expect(r).toMatchObject({
        code: 1,
        err: `kmlttb: The SMS gateway is not configured: set sms.username and sms.apiKey (kmlttb config set), or KMLTTB_SMS_USERNAME and KMLTTB_SMS_API_KEY. ${prepared.queuedSms} messages wait in the queue.\n`,
      });
      expect((await tablesOf(dir)).smsStates.filter((s) => s === 'queued')).toHaveLength(prepared.queuedSms);
    });
  });

  describe('kmlttb verify-licence', () => {
    it('says VALID for a licence as signed', async ({ expect }) => {
      const r = await kmlttb(['--data', copyOfFolder(prepared.dir), 'verify-licence', prepared.valid.payload]);
      expect(r).toEqual({ code: 0, out: `VALID: Valid licence ${prepared.valid.licenceNo} for ACHIENG OTIENO, 2026.\n`, err: '' });
    });

    it('exits 1 with TAMPERED for a payload with one character changed', async ({ expect }) => {
      const { payload } = prepared.valid;
      const at = payload.indexOf('27000001');
      expect(at).toBeGreaterThan(-1);
      const changed = `${payload.slice(0, at)}27000009${payload.slice(at + 8)}`;
      const r = await kmlttb(['--data', copyOfFolder(prepared.dir), 'verify-licence', changed]);
      expect(r).toEqual({
        code: 1,
        out: '',
        err: "kmlttb: TAMPERED: The code does not carry the Board's signature: it was changed or forged. Do not accept it.\n",
      });
    });

    it('exits 1 with REVOKED and the reason for a revoked licence', async ({ expect }) => {
      const r = await kmlttb(['--data', copyOfFolder(prepared.dir), 'verify-licence', prepared.revoked.payload]);
      expect(r).toEqual({ code: 1, out: '', err: `kmlttb: REVOKED: Licence ${prepared.revoked.licenceNo} was revoked: Registration removed by the Board.\n` });
    });
  });

  describe('kmlttb config and users add', () => {
    it('config set exits 1 naming an unknown key, and changes nothing', async ({ expect }) => {
      const dir = copyOfFolder(prepared.dir);
      const before = await tablesOf(dir);
      const r = await kmlttb(['--data', dir, 'config', 'set', 'review.cpdThreshhold', '25']);
      expect(r).toMatchObject({ code: 1, err: "kmlttb: There is no setting 'review.cpdThreshhold'.\n" });
      expect(await tablesOf(dir)).toEqual(before);
    });

    it('users add exits 1 naming the roles for a role that is not one, adding nobody', async ({ expect }) => {
      const dir = copyOfFolder(prepared.dir);
      const newcomer = ['--username', 'jane.doe', '--name', 'Jane Doe', '--password-file', fileWith('password.txt', ['a-long-new-password'])];
      const r = await kmlttb(['--data', dir, 'users', 'add', ...newcomer, '--role', 'boss']);
      expect(r).toMatchObject({ code: 1, err: "kmlttb: Role must be one of admin, officer, clerk or auditor, not 'boss'\n" });
      expect((await tablesOf(dir)).users).not.toContain('jane.doe');
    });
  });

  describe('kmlttb web', () => {
    // Serving is run by kmlttb start (cli-start.test.ts) and the end-to-end tests.
    it('exits 1 naming a port that is not one, serving nothing', async ({ expect }) => {
      for (const port of ['http', '1e3', '0x50', '65536']) {
        const r = await kmlttb(['--data', tempDir(), 'web', '--port', port]);
        expect(r).toEqual({ code: 1, out: '', err: `kmlttb: --port '${port}' is not a port number.\n` });
      }
    });
  });

  describe('kmlttb demo', () => {
    it('fills a new folder and prints what it made', async ({ expect }) => {
      const dir = tempDir();
      const r = await kmlttb(['--data', dir, 'demo', '--applications', '3', '--seed', '1']);
      expect(r.code).toBe(0);
      expect(r.out).toContain(`Demo data (seed 1) in ${dir}:`);
      expect(r.out).toContain(
        "users: admin, officer, auditor, clerk.eld, clerk.emb, clerk.ksm, clerk.msa, clerk.nkr, clerk.nrb created (password 'demo-password' for those created)",
      );
      expect(r.out).toContain('import demo-applications-seed-1.csv: 3 rows, 3 new, 0 resubmitted, 0 unchanged');
      expect((await tablesOf(dir)).applications).toHaveLength(3);
    });

    it('exits 1 naming a count that is not a number above 0, making nothing', async ({ expect }) => {
      const dir = tempDir();
      const r = await kmlttb(['--data', dir, 'demo', '--applications', 'many']);
      expect(r).toMatchObject({ code: 1, err: 'kmlttb: --applications must be a whole number above 0.\n' });
      expect(fs.readdirSync(dir)).toEqual([]);
    });
  });
});

/** Each command of INTERFACES.md with the options it documents, and a call of it that is bad usage. */
const USAGE = (
  [
    { command: ['init'], options: ['--admin'], bad: ['init'], badSays: /required option '--admin <username>' not specified/ },
    {
      command: ['users', 'add'],
      options: ['--username', '--name', '--role', '--centre'],
      bad: ['users', 'add', '--username', 'jane'],
      badSays: /required option '--name <full name>' not specified/,
    },
    { command: ['demo'], options: ['--applications', '--seed'], bad: ['demo', '--colour', 'red'], badSays: /unknown option '--colour'/ },
    { command: ['import', 'applications'], options: ['--dry-run'], bad: ['import', 'applications'], badSays: /missing required argument 'file'/ },
    { command: ['import', 'payments'], options: ['--dry-run'], bad: ['import', 'payments', 'a.csv', 'b.csv'], badSays: /too many arguments/ },
    {
      command: ['export'],
      options: ['--format', '--out', '--from', '--to', '--centre'],
      bad: ['export', 'sms', '--format', 'csv'],
      badSays: /required option '--out <file>' not specified/,
    },
    { command: ['audit', 'verify'], options: [], bad: ['audit', 'verify', '--deep'], badSays: /unknown option '--deep'/ },
    { command: ['config', 'get'], options: [], bad: ['config', 'get'], badSays: /missing required argument 'key'/ },
    { command: ['config', 'set'], options: [], bad: ['config', 'set', 'review.cpdThreshold'], badSays: /missing required argument 'value'/ },
    { command: ['web'], options: ['--port'], bad: ['web', '--port'], badSays: /option '--port <n>' argument missing/ },
    { command: ['sms', 'send-pending'], options: [], bad: ['sms', 'send-pending', 'now'], badSays: /too many arguments for 'send-pending'/ },
    {
      command: ['server'],
      options: ['--port', '--host', '--tls-cert', '--tls-key', '--public-url'],
      bad: ['server', '--tls'],
      badSays: /unknown option '--tls'/,
    },
    { command: ['backup'], options: ['--out'], bad: ['backup'], badSays: /required option '--out <file>' not specified/ },
    { command: ['restore'], options: [], bad: ['restore'], badSays: /missing required argument 'file'/ },
    { command: ['sync'], options: ['--server'], bad: ['sync', '--server'], badSays: /option '--server <url>' argument missing/ },
    { command: ['verify-licence'], options: [], bad: ['verify-licence'], badSays: /missing required argument 'payload'/ },
  ] satisfies { command: string[]; options: string[]; bad: string[]; badSays: RegExp }[]
).map((usage) => ({ ...usage, name: usage.command.join(' ') }));

describe('usage of every command (the program the CLI is built from)', () => {
  let written: { out: string; err: string };
  beforeAll(() => {
    written = { out: '', err: '' };
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.out += String(chunk);
      return true;
    });
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      written.err += String(chunk);
      return true;
    });
  });
  afterAll(() => vi.restoreAllMocks());

  /** Runs the CLI's main in this process; a data folder of its own, should a command run after all. */
  async function run(args: string[]) {
    written = { out: '', err: '' };
    const code = await main(['node', 'kmlttb', '--data', tempDir(), ...args]);
    return { code, ...written };
  }

  it.each(USAGE)('kmlttb $name --help prints its usage and options, exit 0', async ({ command, name, options }) => {
    const r = await run([...command, '--help']);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toMatch(new RegExp(`^Usage: kmlttb ${name} \\[options\\]`));
    for (const option of [...options, '--help']) expect(r.out).toContain(option);
  });

  it.each(USAGE)('kmlttb $name used wrongly exits 2 and says why', async ({ bad, badSays }) => {
    const r = await run(bad);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(badSays);
    expect(r.err).toContain('Usage: kmlttb');
  });

  it('kmlttb --help lists every command and the global options', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    for (const { command } of USAGE) expect(r.out).toMatch(new RegExp(`^ {2}${command[0]} `, 'm'));
    for (const option of ['--data', '--user', '--password-file', '--version']) expect(r.out).toContain(option);
  });
});
