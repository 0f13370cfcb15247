import { describe, expect, it } from 'vitest';
import { APPLICATION_COLUMNS } from '../../../../src/main/applications/import/columns.js';
import type { Table } from '../../../../src/main/applications/import/table.js';
import { validateTable, type ValidateContext } from '../../../../src/main/applications/import/validate.js';

const HEADERS = APPLICATION_COLUMNS.map((c) => c.name);
const GOOD: Record<string, string> = {
  application_ref: 'ECZ-1',
  submitted_at: '02/11/2026 09:15',
  national_id: ' a1234567 ',
  registration_no: ' t/2010/01234 ',
  first_name: 'Grace',
  middle_name: '',
  last_name: 'Kamau',
  phone: '0712 345 678',
  email: 'grace@example.co.ke',
  cadre: 'Technologist',
  qualification: 'BSc Medical Laboratory Science',
  county: 'Nairobi',
  employer: 'KNH',
  licence_year: '2027',
  cpd_points: '32',
  collection_centre: 'rbtc nairobi',
  declaration_accepted: 'Y',
  disclosures: '',
};
const ctx: ValidateContext = {
  now: '2026-11-20T06:00:00.000Z',
  findCentre: (text) => (['nrb', 'rbtc nairobi', 'nairobi'].includes(text.toLowerCase()) ? 'centre-nrb' : null),
};

function tableOf(...rows: Record<string, string>[]): Table {
  return { headerLine: 1, headers: HEADERS, rows: rows.map((r, i) => ({ line: i + 2, cells: HEADERS.map((h) => r[h] ?? '') })) };
}
function problemsFor(changes: Record<string, string>) {
  return validateTable(tableOf({ ...GOOD, ...changes }), ctx).problems;
}

describe('validating application rows', () => {
  it('turns a good row into a typed, normalised record', () => {
    const { records, problems } = validateTable(tableOf(GOOD), ctx);
    expect(problems).toEqual([]);
    expect(records[0]).toMatchObject({
      line: 2,
      applicationRef: 'ECZ-1',
      submittedAt: '2026-11-02T06:15:00.000Z',
      nationalId: 'A1234567',
      registrationNo: 'T/2010/01234',
      phone: '254712345678',
      phoneRaw: '0712 345 678',
      cadre: 'technologist',
      licenceYear: 2027,
      cpdPoints: 32,
      centreId: 'centre-nrb',
      centreText: 'rbtc nairobi',
      declarationAccepted: true,
    });
  });

  it('keeps an empty or spreadsheet-mangled phone as unknown instead of refusing it', () => {
    for (const phone of ['', '2.54712E+11']) {
      const { records, problems } = validateTable(tableOf({ ...GOOD, phone }), ctx);
      expect(problems).toEqual([]);
      expect(records[0]).toMatchObject({ phone: null, phoneRaw: phone });
    }
  });

  it.each([
    ['submitted_at', { submitted_at: '31/02/2026 10:00' }, 'is not a date and time'],
    ['submitted_at', { submitted_at: '2026-12-01T08:00:00+03:00' }, 'is in the future'],
    ['national_id', { national_id: '  ' }, 'must not be empty'],
    ['first_name', { first_name: '' }, 'must not be empty'],
    ['cadre', { cadre: 'nurse' }, 'must be technologist or technician'],
    ['licence_year', { licence_year: '26' }, 'is not a licence year'],
    ['licence_year', { licence_year: '2031' }, 'is not a licence year'],
    ['cpd_points', { cpd_points: '-3' }, 'must be a whole number'],
    ['cpd_points', { cpd_points: '12.5' }, 'must be a whole number'],
    ['collection_centre', { collection_centre: 'Narnia' }, 'is not a known centre'],
    ['declaration_accepted', { declaration_accepted: 'maybe' }, 'must be yes or no'],
    ['phone', { phone: '+44 7700 900123' }, 'is not a Kenyan mobile number'],
    ['phone', { phone: '07123' }, 'is not a Kenyan mobile number'],
    ['email', { email: 'grace at example' }, 'is not an email address'],
    ['last_name', { last_name: "=cmd|' /C calc'!A0" }, 'looks like a spreadsheet formula'],
    ['employer', { employer: '@SUM(A1:A9)' }, 'looks like a spreadsheet formula'],
    ['county', { county: '\tNairobi' }, 'looks like a spreadsheet formula'],
    ['employer', { employer: 'x'.repeat(201) }, 'is 201 characters long; the most is 200'],
  ])('reports a bad %s (%j) on its line', (field, changes, message) => {
    expect(problemsFor(changes)).toEqual([{ line: 2, field, message: expect.stringContaining(message) }]);
  });

  it('allows long disclosures, up to a limit', () => {
    expect(problemsFor({ disclosures: 'x'.repeat(1500) })).toEqual([]);
    expect(problemsFor({ disclosures: 'x'.repeat(2001) })[0]).toMatchObject({ field: 'disclosures' });
  });

  it('reports every bad field of a row once, in the order of the columns', () => {
    const problems = problemsFor({ cadre: 'nurse', licence_year: '1999', cpd_points: '=1+1' });
    expect(problems.map((p) => p.field)).toEqual(['cadre', 'licence_year', 'cpd_points']);
  });

  it('reports a reference used twice on the second line, naming the first', () => {
    const { problems, records } = validateTable(tableOf(GOOD, { ...GOOD, national_id: '9999' }), ctx);
    expect(problems).toEqual([{ line: 3, field: 'application_ref', message: "'ECZ-1' is also on line 2" }]);
    expect(records).toHaveLength(1);
  });

  it('names each missing column at the header line and reads no rows', () => {
    const headers = HEADERS.filter((h) => h !== 'cpd_points' && h !== 'collection_centre' && h !== 'disclosures');
    const result = validateTable({ headerLine: 1, headers, rows: [{ line: 2, cells: headers.map((h) => GOOD[h]!) }] }, ctx);
    expect(result.problems).toEqual([
      { line: 1, field: 'cpd_points', message: 'the column cpd_points is missing' },
      { line: 1, field: 'collection_centre', message: 'the column collection_centre is missing' },
    ]);
    expect(result.records).toEqual([]);
  });

  it('reads a file without the optional columns', () => {
    const optional = ['middle_name', 'email', 'qualification', 'county', 'employer', 'disclosures'];
    const headers = HEADERS.filter((h) => !optional.includes(h));
    const result = validateTable({ headerLine: 1, headers, rows: [{ line: 2, cells: headers.map((h) => GOOD[h]!) }] }, ctx);
    expect(result.problems).toEqual([]);
    expect(result.records[0]).toMatchObject({ middleName: '', email: '', disclosures: '' });
  });

  it('reports a row with more values than the header has columns', () => {
    const table = tableOf(GOOD);
    table.rows[0]!.cells.push('spill');
    expect(validateTable(table, ctx).problems).toEqual([{ line: 2, message: expect.stringContaining('19 values but the header has 18 columns') }]);
  });

  it('says so when there are no rows below the header', () => {
    expect(validateTable(tableOf(), ctx).problems).toEqual([{ line: 1, message: 'the file has no rows below the header' }]);
  });
});
