import type { ImportReport } from '../../../shared/contract/applications.js';
import type { ColumnSpec } from '../../../shared/headers.js';

/** One problem in a file: the line a person counts (header = 1), the column, what is wrong. */
export type ImportProblem = ImportReport['problems'][number];

/** The applications file (INTERFACES.md "Files in"). Optional columns may be left out of a file. */
export const APPLICATION_COLUMNS = [
  { name: 'application_ref', required: true },
  { name: 'submitted_at', required: true },
  { name: 'national_id', required: true },
  { name: 'registration_no', required: true },
  { name: 'first_name', required: true },
  { name: 'middle_name' },
  { name: 'last_name', required: true },
  { name: 'phone', required: true },
  { name: 'email' },
  { name: 'cadre', required: true },
  { name: 'qualification' },
  { name: 'county' },
  { name: 'employer' },
  { name: 'licence_year', required: true },
  { name: 'cpd_points', required: true },
  { name: 'collection_centre', required: true },
  { name: 'declaration_accepted', required: true },
  { name: 'disclosures' },
] as const satisfies readonly ColumnSpec[];

export type ApplicationColumn = (typeof APPLICATION_COLUMNS)[number]['name'];

/** One valid row, normalised and typed. */
export interface ApplicationRecord {
  line: number;
  applicationRef: string;
  /** UTC ISO-8601. */
  submittedAt: string;
  nationalId: string;
  registrationNo: string;
  firstName: string;
  middleName: string;
  lastName: string;
  /** `2547XXXXXXXX`, or null when the file's number is empty or spreadsheet-mangled. */
  phone: string | null;
  phoneRaw: string;
  email: string;
  cadre: 'technologist' | 'technician';
  qualification: string;
  county: string;
  employer: string;
  licenceYear: number;
  cpdPoints: number;
  centreId: string;
  centreText: string;
  declarationAccepted: boolean;
  disclosures: string;
}
