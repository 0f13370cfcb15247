import type { ApplicationsTable, PractitionersTable } from '../../db/schema.js';
import type { ApplicationRecord } from './columns.js';

/**
 * What an imported row says, without where it was in the file. Stored as the snapshot of each
 * revision in application_history, and compared on a re-import: same content, nothing changes.
 */
export type RecordContent = Omit<ApplicationRecord, 'line' | 'centreId' | 'phone'>;

const CONTENT_KEYS = [
  'applicationRef',
  'submittedAt',
  'nationalId',
  'registrationNo',
  'firstName',
  'middleName',
  'lastName',
  'phoneRaw',
  'email',
  'cadre',
  'qualification',
  'county',
  'employer',
  'licenceYear',
  'cpdPoints',
  'centreText',
  'declarationAccepted',
  'disclosures',
] as const satisfies readonly (keyof RecordContent)[];

export function recordContent(r: ApplicationRecord): RecordContent {
  const out = {} as Record<string, unknown>;
  for (const key of CONTENT_KEYS) out[key] = r[key];
  return out as RecordContent;
}

export function sameContent(a: RecordContent, b: Partial<RecordContent>): boolean {
  return CONTENT_KEYS.every((key) => a[key] === b[key]);
}

/** The content of an application made some other way (no snapshot): from its current rows. */
export type StoredRow = Pick<
  ApplicationsTable,
  'application_ref' | 'submitted_at' | 'licence_year' | 'cpd_points' | 'centre_text' | 'declaration_accepted' | 'disclosures'
> &
  Pick<
    PractitionersTable,
    'national_id' | 'registration_no' | 'first_name' | 'middle_name' | 'last_name' | 'phone_raw' | 'email' | 'cadre' | 'qualification' | 'county' | 'employer'
  >;

export function contentFromRow(r: StoredRow): RecordContent {
  return {
    applicationRef: r.application_ref,
    submittedAt: r.submitted_at,
    nationalId: r.national_id,
    registrationNo: r.registration_no,
    firstName: r.first_name,
    middleName: r.middle_name,
    lastName: r.last_name,
    phoneRaw: r.phone_raw,
    email: r.email,
    cadre: r.cadre,
    qualification: r.qualification,
    county: r.county,
    employer: r.employer,
    licenceYear: r.licence_year,
    cpdPoints: r.cpd_points,
    centreText: r.centre_text,
    declarationAccepted: r.declaration_accepted === 1,
    disclosures: r.disclosures,
  };
}

/** `last first middle`, lower case: the queue sorts by it. */
export function sortName(r: Pick<ApplicationRecord, 'firstName' | 'middleName' | 'lastName'>): string {
  return `${r.lastName} ${r.firstName} ${r.middleName}`.replace(/\s+/g, ' ').trim().toLowerCase();
}
