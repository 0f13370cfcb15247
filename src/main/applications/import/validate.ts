import { matchHeaders } from '../../../shared/headers.js';
import { normalisePhone, notMobileReason, spreadsheetPhoneWarning } from '../../../shared/phone.js';
import { nairobiYear, parseNairobiDateTime } from '../../../shared/time.js';
import { looksLikeFormula, MAX_DISCLOSURES_LENGTH, MAX_FIELD_LENGTH, parseWholeNumber, parseYesNo } from './cells.js';
import { APPLICATION_COLUMNS, type ApplicationColumn, type ApplicationRecord, type ImportProblem } from './columns.js';
import type { Table, TableRow } from './table.js';

export interface ValidateContext {
  /** UTC ISO-8601: no application may be submitted later than this. */
  now: string;
  /** The centre id for a code or name, or null. */
  findCentre(text: string): string | null;
}

export interface Validated {
  records: ApplicationRecord[];
  problems: ImportProblem[];
  /** Worth knowing before importing, but no reason to refuse the file. */
  warnings: ImportProblem[];
  rowsRead: number;
}

/** What an applicant loses when their phone reached us mangled by a spreadsheet. */
export const NO_SMS = 'the applicant will get no SMS until it is corrected';

/** Clocks disagree a little: a submission up to five minutes "in the future" is accepted. */
const CLOCK_SKEW_MS = 5 * 60_000;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Checks the header, then every row; each bad row gives one problem per bad field. Pure. */
export function validateTable(table: Table, ctx: ValidateContext): Validated {
  const match = matchHeaders(table.headers, APPLICATION_COLUMNS);
  const problems: ImportProblem[] = [
    ...match.missing.map((name) => ({ line: table.headerLine, field: name, message: `the column ${name} is missing` })),
    ...match.duplicates.map((d) => ({ line: table.headerLine, field: d.name, message: `the column ${d.name} appears ${d.positions.length} times` })),
  ];
  const rowsRead = table.rows.length;
  if (problems.length > 0) return { records: [], problems, warnings: [], rowsRead };
  if (rowsRead === 0) return { records: [], problems: [{ line: table.headerLine, message: 'the file has no rows below the header' }], warnings: [], rowsRead };

  const records: ApplicationRecord[] = [];
  const warnings: ImportProblem[] = [];
  const firstLineOfRef = new Map<string, number>();
  for (const row of table.rows) {
    const result = validateRow(row, match.index, table.headers.length, ctx);
    problems.push(...result.problems);
    warnings.push(...result.warnings);
    if (!result.record) continue;
    const first = firstLineOfRef.get(result.record.applicationRef);
    if (first !== undefined) {
      problems.push({ line: row.line, field: 'application_ref', message: `${quote(result.record.applicationRef)} is also on line ${first}` });
      continue;
    }
    firstLineOfRef.set(result.record.applicationRef, row.line);
    records.push(result.record);
  }
  return { records, problems, warnings, rowsRead };
}

export function validateRow(
  row: TableRow,
  index: Partial<Record<ApplicationColumn, number>>,
  headerCount: number,
  ctx: ValidateContext,
): { record?: ApplicationRecord; problems: ImportProblem[]; warnings: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const warnings: ImportProblem[] = [];
  const bad = new Set<ApplicationColumn>();
  const problem = (field: ApplicationColumn, message: string) => {
    if (bad.has(field)) return;
    bad.add(field);
    problems.push({ line: row.line, field, message });
  };

  const extra = row.cells.slice(headerCount).filter((c) => c.trim() !== '').length;
  if (extra > 0) {
    problems.push({
      line: row.line,
      message: `this row has ${headerCount + extra} values but the header has ${headerCount} columns (a separator inside a value that is not quoted?)`,
    });
  }

  // Every cell: not a formula, not over-long. Then each field's own rule.
  const text = {} as Record<ApplicationColumn, string>;
  for (const { name } of APPLICATION_COLUMNS) {
    const at = index[name];
    const raw = at === undefined ? '' : (row.cells[at] ?? '');
    const max = name === 'disclosures' ? MAX_DISCLOSURES_LENGTH : MAX_FIELD_LENGTH;
    if (raw.length > max) problem(name, `is ${raw.length} characters long; the most is ${max}`);
    else if (looksLikeFormula(raw)) problem(name, `${quote(raw)} looks like a spreadsheet formula`);
    text[name] = raw.trim();
  }
  const required = (field: ApplicationColumn): string => {
    if (text[field] === '') problem(field, 'must not be empty');
    return text[field];
  };

  const applicationRef = required('application_ref');
  const nationalId = required('national_id').toUpperCase();
  const firstName = required('first_name');
  const lastName = required('last_name');

  const submittedAt = parseNairobiDateTime(required('submitted_at'));
  if (text.submitted_at !== '' && submittedAt === null) {
    problem('submitted_at', `${quote(text.submitted_at)} is not a date and time: use ISO-8601 or DD/MM/YYYY HH:mm`);
  } else if (submittedAt !== null && Date.parse(submittedAt) > Date.parse(ctx.now) + CLOCK_SKEW_MS) {
    problem('submitted_at', `${quote(text.submitted_at)} is in the future`);
  }

  const cadre = required('cadre').toLowerCase();
  if (cadre !== '' && cadre !== 'technologist' && cadre !== 'technician') {
    problem('cadre', `${quote(text.cadre)} must be technologist or technician`);
  }

  const maxYear = nairobiYear(ctx.now) + 2;
  const licenceYear = parseWholeNumber(required('licence_year'));
  if (text.licence_year !== '' && (licenceYear === null || licenceYear < 2000 || licenceYear > maxYear)) {
    problem('licence_year', `${quote(text.licence_year)} is not a licence year from 2000 to ${maxYear}`);
  }

  const cpdPoints = parseWholeNumber(required('cpd_points'));
  if (text.cpd_points !== '' && cpdPoints === null) problem('cpd_points', `${quote(text.cpd_points)} must be a whole number, 0 or more`);

  const centreId = required('collection_centre') === '' ? null : ctx.findCentre(text.collection_centre);
  if (text.collection_centre !== '' && centreId === null) {
    problem('collection_centre', `${quote(text.collection_centre)} is not a known centre: use a centre code or name`);
  }

  const declarationAccepted = parseYesNo(required('declaration_accepted'));
  if (text.declaration_accepted !== '' && declarationAccepted === null) {
    problem('declaration_accepted', `${quote(text.declaration_accepted)} must be yes or no`);
  }

  const phone = normalisePhone(text.phone);
  if (!phone.ok && phone.reason === 'invalid') problem('phone', `${quote(text.phone)} is not a Kenyan mobile number`);
  // Still imported, the number unknown: never guessed back.
  if (!phone.ok && phone.reason === 'mangled') warnings.push({ line: row.line, field: 'phone', message: spreadsheetPhoneWarning(text.phone, NO_SMS) });
  // Kept, and the application flagged for review: the officer can return it for a correct number.
  if (phone.ok && !phone.mobile)
    warnings.push({ line: row.line, field: 'phone', message: `${notMobileReason(phone.msisdn)}; the application is flagged for review` });

  if (text.email !== '' && !EMAIL.test(text.email)) problem('email', `${quote(text.email)} is not an email address`);

  if (problems.length > 0) return { problems: problems.sort((a, b) => columnOrder(a.field) - columnOrder(b.field)), warnings };
  return {
    problems,
    warnings,
    record: {
      line: row.line,
      applicationRef,
      submittedAt: submittedAt!,
      nationalId,
      registrationNo: text.registration_no.toUpperCase(),
      firstName,
      middleName: text.middle_name,
      lastName,
      phone: phone.ok ? phone.msisdn : null,
      phoneRaw: text.phone,
      email: text.email,
      cadre: cadre as ApplicationRecord['cadre'],
      qualification: text.qualification,
      county: text.county,
      employer: text.employer,
      licenceYear: licenceYear!,
      cpdPoints: cpdPoints!,
      centreId: centreId!,
      centreText: text.collection_centre,
      declarationAccepted: declarationAccepted!,
      disclosures: text.disclosures,
    },
  };
}

const COLUMN_ORDER = new Map<string, number>(APPLICATION_COLUMNS.map((c, i) => [c.name, i]));
/** A row's problems read left to right; one about the whole row comes first. */
function columnOrder(field: string | undefined): number {
  return field === undefined ? -1 : (COLUMN_ORDER.get(field) ?? -1);
}

/** A value as a message shows it: quoted, and shortened when long. */
function quote(value: string): string {
  const v = value.replace(/\s+/g, ' ');
  return `'${v.length > 40 ? `${v.slice(0, 37)}...` : v}'`;
}
