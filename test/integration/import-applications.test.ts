import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../src/shared/contract/applications.js';
import type { ErrorBody } from '../../src/shared/errors.js';
import { SYSTEM_ACTOR } from '../../src/main/core/actor.js';
import type { Desk } from '../../src/main/desk.js';
import { count, makeDesk, type TestDesk } from './support/tempDesk.js';
import { testClock } from './support/testClock.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/applications');
const NOW = new Date('2026-11-20T06:00:00Z');
const HEADER =
  'application_ref,submitted_at,national_id,registration_no,first_name,middle_name,last_name,phone,email,cadre,qualification,county,employer,licence_year,cpd_points,collection_centre,declaration_accepted,disclosures';

let t: TestDesk | undefined;
afterEach(async () => {
  await t?.desk.close();
  t = undefined;
});

async function desk(): Promise<Desk> {
  t = await makeDesk({ clock: testClock(NOW) });
  return t.desk;
}
function fixture(name: string): Buffer {
  return fs.readFileSync(path.join(FIXTURES, name));
}
async function importFile(d: Desk, fileName: string, data: Buffer | string, dryRun = false) {
  const dataBase64 = Buffer.from(data).toString('base64');
  return d.dispatch('applications.import', { fileName, dataBase64, dryRun }, SYSTEM_ACTOR);
}
async function imported(d: Desk, fileName: string, data: Buffer | string): Promise<ImportReport> {
  const r = await importFile(d, fileName, data);
  if (!r.ok) throw new Error(`${r.error.message}\n${JSON.stringify(r.error.issues, null, 1)}`);
  return r.value;
}
async function refused(d: Desk, fileName: string, data: Buffer | string): Promise<ErrorBody> {
  const r = await importFile(d, fileName, data);
  if (r.ok) throw new Error('the import was expected to be refused');
  return r.error;
}
/** Everything an import may write, counted. */
function snapshot(d: Desk) {
  return {
    practitioners: count(d, 'practitioners'),
    applications: count(d, 'applications'),
    history: count(d, 'application_history'),
    imports: count(d, 'imports'),
    search: count(d, 'applications_search'),
    audit: count(d, 'audit_events'),
    ops: count(d, 'applied_ops'),
  };
}
function application(d: Desk, ref: string) {
  return d.sqlite
    .prepare(
      `SELECT a.*, p.national_id, p.registration_no, p.phone, p.phone_raw, p.register_status, p.language, c.code AS centre_code
       FROM applications a JOIN practitioners p ON p.id = a.practitioner_id LEFT JOIN centres c ON c.id = a.centre_id
       WHERE a.application_ref = ?`,
    )
    .get(ref) as Record<string, unknown>;
}

describe('importing an applications file', () => {
  it('imports every row of a good CSV as a submitted application with its practitioner', async () => {
    const d = await desk();
    const report = await imported(d, 'good.csv', fixture('good.csv'));
    expect(report).toEqual({
      fileName: 'good.csv',
      dryRun: false,
      rowsRead: 4,
      imported: 4,
      resubmitted: 0,
      unchanged: 0,
      problems: [],
      warnings: [{ line: 5, field: 'phone', message: 'phone 2.54712E+11 lost digits in a spreadsheet: the applicant will get no SMS until it is corrected' }],
    });
    expect(snapshot(d)).toMatchObject({ practitioners: 4, applications: 4, history: 4, imports: 1, search: 4 });

    expect(application(d, 'ECZ-0001')).toMatchObject({
      state: 'submitted',
      revision: 1,
      national_id: '23456789',
      registration_no: 'T/2010/01234',
      phone: '254712345678',
      submitted_at: '2026-11-02T06:15:00.000Z',
      licence_year: 2027,
      cpd_points: 32,
      centre_code: 'NRB',
      centre_text: 'NRB',
      sort_name: 'kamau grace wanjiru',
      cadre: 'technologist',
      county: 'Nairobi',
      register_status: 'active',
      language: 'en',
      flag_count: 0,
    });
    expect(application(d, 'ECZ-0002')).toMatchObject({
      submitted_at: '2026-11-03T11:30:00.000Z',
      phone: '254722000111',
      cadre: 'technician',
      centre_code: 'KSM',
      disclosures: 'Worked in Uganda, January to June 2025.\nBack at my employer since July.',
      flags: 'cpd_below_threshold disclosures_made',
    });
    expect(application(d, 'ECZ-0003')).toMatchObject({
      phone: null,
      phone_raw: '2.54712E+11',
      centre_code: 'MSA',
      declaration_accepted: 0,
      flags: 'declaration_not_accepted phone_invalid',
    });
    expect(application(d, 'ECZ-0004')).toMatchObject({ centre_code: 'NKR', cadre: 'technologist', phone: '254712345679' });

    const history = d.sqlite.prepare("SELECT * FROM application_history WHERE action = 'submitted' ORDER BY id").all() as Record<string, unknown>[];
    expect(history).toHaveLength(4);
    expect(history[0]).toMatchObject({ actor_id: null, actor_name: 'Imported from good.csv by system', from_state: null, to_state: 'submitted', revision: 1 });
    expect(JSON.parse(history[0]!.snapshot as string)).toMatchObject({ applicationRef: 'ECZ-0001', cpdPoints: 32 });

    const imp = d.sqlite.prepare('SELECT * FROM imports').get() as Record<string, unknown>;
    expect(imp).toMatchObject({ kind: 'applications', file_name: 'good.csv', rows: 4, imported: 4, actor_name: 'system' });
    expect(imp.file_sha256).toMatch(/^[0-9a-f]{64}$/);
    const audit = d.sqlite.prepare("SELECT * FROM audit_events WHERE action = 'applications.import'").all() as Record<string, unknown>[];
    expect(audit).toHaveLength(1);
    expect(audit[0]!.summary).toBe('good.csv: 4 rows, 4 imported, 0 resubmitted, 0 unchanged');
  });

  it('makes the imported applications findable in the queue, flagged ones by the flag filter', async () => {
    const d = await desk();
    await imported(d, 'good.csv', fixture('good.csv'));
    const flagged = await d.query('applications.list', { flagged: true, sort: 'applicationRef' }, t!.actors.officer);
    if (!flagged.ok) throw new Error(flagged.error.message);
    expect(flagged.value.rows.map((r) => r.applicationRef)).toEqual(['ECZ-0002', 'ECZ-0003']);
    const found = await d.query('applications.list', { search: 'Halima' }, t!.actors.officer);
    expect(found.ok && found.value.rows.map((r) => r.applicationRef)).toEqual(['ECZ-0003']);
  });

  it('imports nothing from a file with bad lines and reports each problem with its line', async () => {
    const d = await desk();
    const before = snapshot(d);
    const error = await refused(d, 'bad.csv', fixture('bad.csv'));
    expect(error.code).toBe('import_failed');
    expect(error.message).toBe('bad.csv: 10 problems; nothing was imported');
    expect(error.issues).toEqual([
      { where: 'line 4, submitted_at', message: expect.stringContaining("'31/02/2026 10:00' is not a date and time") },
      { where: 'line 5, collection_centre', message: expect.stringContaining("'Narnia' is not a known centre") },
      { where: 'line 6, application_ref', message: "'ECZ-1001' is also on line 2" },
      { where: 'line 7, phone', message: "'+44 7700 900123' is not a Kenyan mobile number" },
      { where: 'line 8, first_name', message: expect.stringContaining('looks like a spreadsheet formula') },
      { where: 'line 9, submitted_at', message: expect.stringContaining('is in the future') },
      { where: 'line 10, cadre', message: "'nurse' must be technologist or technician" },
      { where: 'line 10, licence_year', message: expect.stringContaining("'1999' is not a licence year") },
      { where: 'line 10, cpd_points', message: "'-3' must be a whole number, 0 or more" },
      { where: 'line 10, declaration_accepted', message: "'maybe' must be yes or no" },
    ]);
    expect(snapshot(d)).toEqual(before);
    expect(count(d, 'audit_events', "action = 'applications.import'")).toBe(0);
  });

  it('names a missing column and imports nothing', async () => {
    const d = await desk();
    const error = await refused(d, 'missing-column.csv', fixture('missing-column.csv'));
    expect(error.issues).toEqual([
      { where: 'line 1, cpd_points', message: 'the column cpd_points is missing' },
      { where: 'line 1, collection_centre', message: 'the column collection_centre is missing' },
    ]);
    expect(count(d, 'applications')).toBe(0);
  });

  it('lands whole or not at all: one bad row among good ones keeps the good ones out too', async () => {
    const d = await desk();
    const good = fixture('good.csv').toString('utf8');
    const error = await refused(
      d,
      'mixed.csv',
      `${good}ECZ-0005,2026-11-05T10:00:00Z,99999999,T/1,Ann,,Baya,0710000000,,technologist,,Kilifi,,2027,40,Atlantis,yes,\n`,
    );
    expect(error.issues).toEqual([{ where: 'line 7, collection_centre', message: expect.stringContaining('Atlantis') }]);
    expect(snapshot(d)).toMatchObject({ practitioners: 0, applications: 0, imports: 0 });
  });

  it('changes nothing when the same file is imported again', async () => {
    const d = await desk();
    await imported(d, 'good.csv', fixture('good.csv'));
    const before = snapshot(d);
    const versions = d.sqlite.prepare('SELECT sum(version) AS v FROM practitioners').get();
    const auditBefore = count(d, 'audit_events');

    const again = await imported(d, 'good.csv', fixture('good.csv'));
    expect(again).toMatchObject({ rowsRead: 4, imported: 0, resubmitted: 0, unchanged: 4, problems: [] });
    expect(snapshot(d)).toEqual({ ...before, imports: before.imports + 1, audit: before.audit + 1, ops: before.ops + 1 });
    expect(d.sqlite.prepare('SELECT sum(version) AS v FROM practitioners').get()).toEqual(versions);
    // The second import is itself an audited event, and says it changed nothing.
    expect(count(d, 'audit_events')).toBe(auditBefore + 1);
    const last = d.sqlite.prepare('SELECT summary FROM audit_events ORDER BY seq DESC LIMIT 1').get() as { summary: string };
    expect(last.summary).toBe('good.csv: 4 rows, 0 imported, 0 resubmitted, 4 unchanged');
  });

  it('changes nothing on a dry run and reports what would happen', async () => {
    const d = await desk();
    const before = snapshot(d);
    const r = await importFile(d, 'good.csv', fixture('good.csv'), true);
    expect(r).toEqual({
      ok: true,
      value: {
        fileName: 'good.csv',
        dryRun: true,
        rowsRead: 4,
        imported: 4,
        resubmitted: 0,
        unchanged: 0,
        problems: [],
        warnings: [{ line: 5, field: 'phone', message: expect.stringMatching(/^phone 2\.54712E\+11 lost digits in a spreadsheet/) }],
      },
    });
    expect(snapshot(d)).toEqual(before);
  });

  it('warns on a dry run of a phone a spreadsheet saved as 2.54722E+11, naming the file, line and field; the number is still taken as unknown', async () => {
    const d = await desk();
    const file =
      HEADER +
      '\n' +
      'ECZ-7001,2026-11-02T09:15:00+03:00,23456789,T/2010/01234,Grace,,Kamau,0712345678,,technologist,,Nairobi,,2026,30,NRB,yes,\n' +
      'ECZ-7002,2026-11-02T09:16:00+03:00,23456790,T/2010/01235,Brian,,Otieno,2.54722E+11,,technologist,,Nairobi,,2026,30,NRB,yes,\n';
    const dry = await importFile(d, 'intake.csv', file, true);
    if (!dry.ok) throw new Error(dry.error.message);
    expect(dry.value).toMatchObject({ fileName: 'intake.csv', dryRun: true, imported: 2, problems: [] });
    expect(dry.value.warnings).toEqual([
      { line: 3, field: 'phone', message: 'phone 2.54722E+11 lost digits in a spreadsheet: the applicant will get no SMS until it is corrected' },
    ]);
    expect(count(d, 'applications')).toBe(0);
    await imported(d, 'intake.csv', file);
    expect(application(d, 'ECZ-7002')).toMatchObject({ phone: null, phone_raw: '2.54722E+11' });
  });

  it('warns in the check of a phone outside the mobile ranges, keeps the number and flags the application for review', async () => {
    const d = await desk();
    const file =
      HEADER +
      '\n' +
      'ECZ-7101,2026-11-02T09:15:00+03:00,23456789,T/2010/01234,Grace,,Kamau,0712345678,,technologist,,Nairobi,,2026,30,NRB,yes,\n' +
      'ECZ-7102,2026-11-02T09:16:00+03:00,23456790,T/2010/01235,Brian,,Otieno,0109 294 978,,technologist,,Nairobi,,2026,30,NRB,yes,\n';
    const dry = await importFile(d, 'intake.csv', file, true);
    if (!dry.ok) throw new Error(dry.error.message);
    expect(dry.value).toMatchObject({ dryRun: true, imported: 2, problems: [] });
    expect(dry.value.warnings).toEqual([
      {
        line: 3,
        field: 'phone',
        message: "0109 294 978 is not a Kenyan mobile number (its range is not a mobile network's): no SMS can reach it; the application is flagged for review",
      },
    ]);
    expect(count(d, 'applications')).toBe(0);

    await imported(d, 'intake.csv', file);
    expect(application(d, 'ECZ-7101')).toMatchObject({ flag_count: 0, flags: '' });
    expect(application(d, 'ECZ-7102')).toMatchObject({ phone: '254109294978', flag_count: 1, flags: 'phone_not_mobile' });
  });

  it('lists every problem on a dry run of a bad file instead of refusing it', async () => {
    const d = await desk();
    const before = snapshot(d);
    const r = await importFile(d, 'bad.csv', fixture('bad.csv'), true);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.problems).toHaveLength(10);
    expect(r.value.problems[0]).toEqual({ line: 4, field: 'submitted_at', message: expect.any(String) });
    expect(r.value).toMatchObject({ dryRun: true, rowsRead: 8, imported: 0 });
    expect(snapshot(d)).toEqual(before);
  });

  it('reads a semicolon-separated file with a byte order mark and headers written as people write them', async () => {
    const d = await desk();
    const report = await imported(d, 'semicolon-bom.csv', fixture('semicolon-bom.csv'));
    expect(report).toMatchObject({ rowsRead: 2, imported: 2 });
    expect(application(d, 'ECZ-3001')).toMatchObject({ centre_code: 'NRB', submitted_at: '2026-11-02T06:15:00.000Z' });
    const employer = d.sqlite.prepare("SELECT employer FROM practitioners WHERE national_id = '31234567'").get();
    expect(employer).toEqual({ employer: 'Jaramogi; Kisumu' });
  });

  it('reads an Excel workbook: dates, numbers and true/false cells', async () => {
    const d = await desk();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Applications');
    sheet.addRow(HEADER.split(','));
    sheet.addRow([
      'ECZ-4001',
      new Date('2026-11-02T09:15:00Z'),
      23456789,
      'T/2010/01234',
      'Grace',
      '',
      'Kamau',
      712345678,
      '',
      'technologist',
      '',
      'Nairobi',
      '',
      2027,
      32,
      'Nairobi',
      true,
      '',
    ]);
    sheet.addRow([
      'ECZ-4002',
      '03/11/2026 14:30',
      '31234567',
      'C/2018/00991',
      'Brian',
      '',
      'Otieno',
      254722000111,
      '',
      'technician',
      '',
      'Kisumu',
      '',
      2027,
      12,
      'KSM',
      'no',
      'Worked in Uganda,\nback in July.',
    ]);
    const data = Buffer.from(await workbook.xlsx.writeBuffer());

    const report = await imported(d, 'applications.xlsx', data);
    expect(report).toMatchObject({ rowsRead: 2, imported: 2, problems: [] });
    // A spreadsheet date has no zone: it is Nairobi wall-clock time.
    expect(application(d, 'ECZ-4001')).toMatchObject({
      submitted_at: '2026-11-02T06:15:00.000Z',
      national_id: '23456789',
      phone: '254712345678',
      cpd_points: 32,
      declaration_accepted: 1,
      centre_code: 'NRB',
    });
    expect(application(d, 'ECZ-4002')).toMatchObject({ phone: '254722000111', declaration_accepted: 0, disclosures: 'Worked in Uganda,\nback in July.' });
  });

  it('refuses a formula cell in an Excel workbook, naming its row', async () => {
    const d = await desk();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Applications');
    sheet.addRow(HEADER.split(','));
    sheet.addRow([
      'ECZ-4003',
      '2026-11-02 09:15',
      '23456789',
      'T/1',
      'Grace',
      '',
      { formula: 'HYPERLINK("http://x","Kamau")' },
      '0712345678',
      '',
      'technologist',
      '',
      'Nairobi',
      '',
      2027,
      32,
      'NRB',
      'yes',
      '',
    ]);
    const error = await refused(d, 'formula.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(error.issues).toEqual([{ where: 'line 2, last_name', message: expect.stringContaining('looks like a spreadsheet formula') }]);
  });

  it('refuses a file named .xlsx that is not a workbook', async () => {
    const d = await desk();
    const error = await refused(d, 'renamed.xlsx', fixture('good.csv'));
    expect(error.issues).toEqual([{ where: 'line 1', message: 'the file is named .xlsx but is not an Excel workbook' }]);
  });
});

describe('importing applications that are already known', () => {
  const row = (ref: string, cpd: number, phone = '0712345678') =>
    `${ref},2026-11-02T09:15:00+03:00,23456789,T/2010/01234,Grace,,Kamau,${phone},,technologist,,Nairobi,,2026,${cpd},NRB,yes,\n`;

  async function officerDoes(d: Desk, action: 'application.return' | 'application.approve', ref: string, reason?: string) {
    const id = (application(d, ref) as { id: string }).id;
    const r = await d.dispatch(action, { applicationId: id, reason }, t!.actors.officer);
    if (!r.ok) throw new Error(r.error.message);
  }

  it('takes a changed row for a returned application as a resubmission: a new revision, history kept', async () => {
    const d = await desk();
    await imported(d, 'first.csv', HEADER + '\n' + row('ECZ-5001', 8));
    await officerDoes(d, 'application.return', 'ECZ-5001', 'Please upload your CPD certificates.');

    const report = await imported(d, 'second.csv', HEADER + '\n' + row('ECZ-5001', 24, '0722000111'));
    expect(report).toMatchObject({ imported: 0, resubmitted: 1, unchanged: 0 });
    expect(application(d, 'ECZ-5001')).toMatchObject({
      state: 'submitted',
      revision: 2,
      cpd_points: 24,
      phone: '254722000111',
      decided_by: null,
      decision_reason: null,
      flag_count: 0,
    });
    const history = d.sqlite.prepare('SELECT action, from_state, to_state, revision, snapshot FROM application_history ORDER BY id').all() as Record<
      string,
      unknown
    >[];
    expect(history.map((h) => [h.action, h.from_state, h.to_state, h.revision])).toEqual([
      ['submitted', null, 'submitted', 1],
      ['return', 'submitted', 'returned', 1],
      ['resubmit', 'returned', 'submitted', 2],
    ]);
    expect(JSON.parse(history[2]!.snapshot as string)).toMatchObject({ cpdPoints: 24, phoneRaw: '0722000111' });
    expect(JSON.parse(history[0]!.snapshot as string)).toMatchObject({ cpdPoints: 8 });

    // The resubmitted file again: nothing more changes.
    expect(await imported(d, 'second.csv', HEADER + '\n' + row('ECZ-5001', 24, '0722000111'))).toMatchObject({ resubmitted: 0, unchanged: 1 });
    expect(count(d, 'application_history')).toBe(3);
  });

  it('leaves a returned application alone when the row is the same as before', async () => {
    const d = await desk();
    await imported(d, 'first.csv', HEADER + '\n' + row('ECZ-5002', 8));
    await officerDoes(d, 'application.return', 'ECZ-5002', 'Please upload your CPD certificates.');
    expect(await imported(d, 'first.csv', HEADER + '\n' + row('ECZ-5002', 8))).toMatchObject({ unchanged: 1, resubmitted: 0 });
    expect(application(d, 'ECZ-5002')).toMatchObject({ state: 'returned', revision: 1 });
  });

  it('refuses to change a decided application and imports nothing else from that file', async () => {
    const d = await desk();
    await imported(d, 'first.csv', HEADER + '\n' + row('ECZ-5003', 30));
    await officerDoes(d, 'application.approve', 'ECZ-5003');
    const error = await refused(d, 'second.csv', HEADER + '\n' + row('ECZ-5003', 31) + row('ECZ-5004', 30).replace('23456789', '87654321'));
    expect(error.issues).toEqual([
      { where: 'line 2, application_ref', message: 'application ECZ-5003 is approved: already decided; cannot be changed by import' },
    ]);
    expect(count(d, 'applications')).toBe(1);
    expect(application(d, 'ECZ-5003')).toMatchObject({ state: 'approved', cpd_points: 30 });
  });

  it('keeps one practitioner per national ID and updates their contact details from a newer application', async () => {
    const d = await desk();
    await imported(d, 'first.csv', HEADER + '\n' + row('ECZ-5005', 30));
    const newer = row('ECZ-5006', 30, '0733123456').replace('2026-11-02T09:15', '2026-11-10T09:15').replace(',2026,', ',2027,');
    await imported(d, 'second.csv', HEADER + '\n' + newer);
    expect(count(d, 'practitioners')).toBe(1);
    expect(application(d, 'ECZ-5005')).toMatchObject({ phone: '254733123456' });
    const found = await d.query('applications.list', { search: '0733123456' }, t!.actors.officer);
    expect(found.ok && found.value.total).toBe(2);
  });
});

describe('the history of an imported application names the import, not an officer (issue 17)', () => {
  const row = (ref: string, cpd: number) =>
    `${ref},2026-11-02T09:15:00+03:00,23456789,T/2010/01234,Grace,,Kamau,0712345678,,technologist,,Nairobi,,2026,${cpd},NRB,yes,\n`;
  async function historyOf(d: Desk, ref: string) {
    const id = (application(d, ref) as { id: string }).id;
    const detail = await d.query('application.detail', { id }, t!.actors.officer);
    if (!detail.ok) throw new Error(detail.error.message);
    return detail.value.history.map((h) => [h.actor, h.action]);
  }
  async function importAs(d: Desk, fileName: string, data: string) {
    const r = await d.dispatch('applications.import', { fileName, dataBase64: Buffer.from(data).toString('base64'), dryRun: false }, t!.actors.officer);
    if (!r.ok) throw new Error(r.error.message);
  }

  it('an application an officer imports reads "Imported from FILE by officer", its resubmission too, and keeps who ran it', async () => {
    const d = await desk();
    await importAs(d, 'intake-2026-11.csv', HEADER + '\n' + row('ECZ-6001', 8));
    const id = (application(d, 'ECZ-6001') as { id: string }).id;
    const r = await d.dispatch('application.return', { applicationId: id, reason: 'Please upload your CPD certificates.' }, t!.actors.officer);
    if (!r.ok) throw new Error(r.error.message);
    await importAs(d, 'intake-2026-12.csv', HEADER + '\n' + row('ECZ-6001', 24));
    expect(await historyOf(d, 'ECZ-6001')).toEqual([
      ['Imported from intake-2026-11.csv by officer', 'submitted'],
      ['officer', 'return'],
      ['Imported from intake-2026-12.csv by officer', 'resubmit'],
    ]);
    const ids = d.sqlite.prepare('SELECT DISTINCT actor_id FROM application_history').pluck().all();
    expect(ids).toEqual([t!.actors.officer.id]);
  });

  it('an application eCitizen sends to the central service reads "Received from eCitizen"', async () => {
    const d = await desk();
    const [header, line] = [HEADER.split(','), row('ECZ-6002', 30).trim().split(',')];
    const r = await d.dispatch('applications.receive', { application: Object.fromEntries(header.map((h, i) => [h, line[i]!])) }, SYSTEM_ACTOR);
    if (!r.ok) throw new Error(r.error.message);
    expect(await historyOf(d, 'ECZ-6002')).toEqual([['Received from eCitizen', 'submitted']]);
  });

  it('an entry written before, with the importing user’s name alone, is shown as an import too', async () => {
    const d = await desk();
    await importAs(d, 'old.csv', HEADER + '\n' + row('ECZ-6003', 30));
    d.sqlite.prepare("UPDATE application_history SET actor_name = 'officer'").run();
    expect(await historyOf(d, 'ECZ-6003')).toEqual([['Imported by officer', 'submitted']]);
  });
});
