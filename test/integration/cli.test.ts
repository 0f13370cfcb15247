import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyOfFolder, makeCliFolder } from './support/cliFolder.js';
import { PASSWORD, tempDir } from './support/tempDesk.js';

function kmlttb(...args: string[]) {
  const r = spawnSync('node', ['bin/kmlttb.js', ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('the kmlttb command line', () => {
  /** A data folder with a user of each role (admin among them), each with the password in `pw`; each test runs on a copy. */
  let prepared: string;
  const pw = path.join(tempDir(), 'pw.txt');
  fs.writeFileSync(pw, `${PASSWORD}\n`);
  beforeAll(async () => {
    prepared = (await makeCliFolder(async () => undefined)).dir;
  });

  it('creates the database and the first administrator, once', () => {
    const dir = tempDir();
    expect(kmlttb('--data', dir, 'init', '--admin', 'root', '--password-file', pw)).toMatchObject({ code: 0 });
    const again = kmlttb('--data', dir, 'init', '--admin', 'root2', '--password-file', pw);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/has an administrator already/);
  });

  it('adds a clerk at a centre named by code or by name', () => {
    const dir = copyOfFolder(prepared);
    expect(
      kmlttb('--data', dir, 'users', 'add', '--username', 'clerk.ksm', '--name', 'Akinyi Clerk', '--role', 'clerk', '--centre', 'KSM', '--password-file', pw)
        .out,
    ).toMatch(/at RBTC Kisumu/);
    expect(
      kmlttb(
        '--data',
        dir,
        'users',
        'add',
        '--username',
        'clerk.eld',
        '--name',
        'Kiprono Clerk',
        '--role',
        'clerk',
        '--centre',
        'RBTC Eldoret',
        '--password-file',
        pw,
      ).code,
    ).toBe(0);
    const bad = kmlttb(
      '--data',
      dir,
      'users',
      'add',
      '--username',
      'clerk.x',
      '--name',
      'X Clerk',
      '--role',
      'clerk',
      '--centre',
      'Atlantis',
      '--password-file',
      pw,
    );
    expect(bad).toMatchObject({ code: 1, err: expect.stringMatching(/no centre 'Atlantis'/) });
  });

  it('reads and changes a setting, refusing a bad value with exit 1', () => {
    const dir = copyOfFolder(prepared);
    expect(kmlttb('--data', dir, 'config', 'set', 'review.cpdThreshold', '25').code).toBe(0);
    expect(kmlttb('--data', dir, 'config', 'get', 'review.cpdThreshold').out.trim()).toBe('25');
    expect(kmlttb('--data', dir, 'config', 'set', 'review.cpdThreshold', 'lots').code).toBe(1);
    expect(kmlttb('--data', dir, 'config', 'get', 'no.such.key')).toMatchObject({ code: 1, err: "kmlttb: There is no setting 'no.such.key'.\n" });
  });

  it('answers bad usage with exit 2, and --version with the version', () => {
    const dir = tempDir();
    expect(kmlttb('--data', dir, 'frobnicate').code).toBe(2);
    expect(kmlttb('--data', dir, 'init').code).toBe(2);
    const version = kmlttb('--version');
    expect(version).toMatchObject({ code: 0, out: `${JSON.parse(fs.readFileSync('package.json', 'utf8')).version}\n` });
  });

  it('exports the SMS report as CSV and records the export in the audit trail', () => {
    const dir = copyOfFolder(prepared);
    const out = path.join(dir, 'sms.csv');
    expect(kmlttb('--data', dir, 'export', 'sms', '--format', 'csv', '--out', out).code).toBe(0);
    expect(fs.readFileSync(out, 'utf8').split('\n')[0]).toBe('created_at,phone,event,language,parts,status,sent_at,delivered_at,failure_reason');
    expect(kmlttb('--data', dir, 'audit', 'verify').out).toMatch(/intact/);
  });

  it("checks imports before they run: where payers' references were read from, and each phone a spreadsheet mangled, by file, line and field", () => {
    const dir = copyOfFolder(prepared);
    const statement = path.join(dir, 'no-account-column.csv');
    fs.writeFileSync(
      statement,
      [
        'Receipt No.,Completion Time,Details,Transaction Status,Paid In,Withdrawn,Other Party Info',
        'QH1,2024-01-21 10:00:00,Pay Bill from 254712000001 - JANE ONE Acc. LB935NHTA4,Completed,1500.00,,2.54712E+11 - JANE ONE',
      ].join('\n'),
    );
    const payments = kmlttb('--data', dir, 'import', 'payments', statement, '--dry-run');
    expect(payments.code).toBe(0);
    expect(payments.out).toContain('References the payers typed read from Details ("Acc. ..."), as the statement has no A/C No. column.');
    expect(payments.out).toContain(
      "warning: no-account-column.csv line 2, Other Party Info: phone 2.54712E+11 lost digits in a spreadsheet: the payer's number is kept as unknown",
    );
    const applications = path.join(dir, 'intake.csv');
    fs.writeFileSync(
      applications,
      [
        'application_ref,submitted_at,national_id,registration_no,first_name,middle_name,last_name,phone,email,cadre,qualification,county,employer,licence_year,cpd_points,collection_centre,declaration_accepted,disclosures',
        'ECZ-8001,2024-01-02T09:15:00+03:00,23456789,T/2010/01234,Grace,,Kamau,2.54722E+11,,technologist,,Nairobi,,2024,30,NRB,yes,',
      ].join('\n'),
    );
    const apps = kmlttb('--data', dir, 'import', 'applications', applications, '--dry-run');
    expect(apps.code).toBe(0);
    expect(apps.out).toContain(
      'warning: intake.csv line 2, phone: phone 2.54722E+11 lost digits in a spreadsheet: the applicant will get no SMS until it is corrected',
    );
  });

  it('signs in a named user for a command and refuses a wrong password', () => {
    const dir = copyOfFolder(prepared);
    const wrong = path.join(dir, 'wrong.txt');
    fs.writeFileSync(wrong, 'not-the-password');
    const r = kmlttb('--data', dir, '--user', 'admin', '--password-file', wrong, 'config', 'set', 'desk.name', 'Nairobi HQ');
    expect(r).toMatchObject({ code: 1, err: expect.stringMatching(/do not match/) });
    expect(kmlttb('--data', dir, '--user', 'admin', '--password-file', pw, 'config', 'set', 'desk.name', 'Nairobi HQ').code).toBe(0);
  });
});
