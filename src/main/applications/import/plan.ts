import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { ApplicationRecord, ImportProblem } from './columns.js';
import { contentFromRow, recordContent, sameContent, type RecordContent, type StoredRow } from './content.js';

export interface Existing {
  id: string;
  state: string;
  revision: number;
}

/** What the import will do with each valid row. */
export type Action =
  | { kind: 'insert'; record: ApplicationRecord }
  | { kind: 'unchanged'; record: ApplicationRecord }
  | { kind: 'resubmit'; record: ApplicationRecord; existing: Existing };

const EXISTING_SQL = `
  SELECT a.id, a.state, a.revision, p.national_id,
         (SELECT h.snapshot FROM application_history h
           WHERE h.application_id = a.id AND h.snapshot IS NOT NULL ORDER BY h.id DESC LIMIT 1) AS snapshot
  FROM applications a JOIN practitioners p ON p.id = a.practitioner_id
  WHERE a.application_ref = ?`;

const STORED_SQL = `
  SELECT a.application_ref, a.submitted_at, a.licence_year, a.cpd_points, a.centre_text,
         a.declaration_accepted, a.disclosures, p.national_id, p.registration_no, p.first_name,
         p.middle_name, p.last_name, p.phone_raw, p.email, p.cadre, p.qualification, p.county, p.employer
  FROM applications a JOIN practitioners p ON p.id = a.practitioner_id
  WHERE a.id = ?`;

/**
 * Compares each row with what is stored under its application reference: new, the same as
 * before, a resubmission of a returned application, or a change we refuse.
 */
export function planImport(sqlite: BetterSqlite3.Database, records: readonly ApplicationRecord[]): { actions: Action[]; problems: ImportProblem[] } {
  const findExisting = sqlite.prepare(EXISTING_SQL);
  const findStored = sqlite.prepare(STORED_SQL);
  const actions: Action[] = [];
  const problems: ImportProblem[] = [];
  for (const record of records) {
    const row = findExisting.get(record.applicationRef) as (Existing & { national_id: string; snapshot: string | null }) | undefined;
    if (!row) {
      actions.push({ kind: 'insert', record });
      continue;
    }
    const problem = (message: string) => problems.push({ line: record.line, field: 'application_ref', message });
    if (row.national_id !== record.nationalId) {
      problem(`application ${record.applicationRef} belongs to another national ID; it cannot be moved by import`);
      continue;
    }
    const stored: Partial<RecordContent> = row.snapshot
      ? (JSON.parse(row.snapshot) as Partial<RecordContent>)
      : contentFromRow(findStored.get(row.id) as StoredRow);
    if (sameContent(recordContent(record), stored)) actions.push({ kind: 'unchanged', record });
    else if (row.state === 'returned') actions.push({ kind: 'resubmit', record, existing: row });
    else if (row.state === 'submitted') problem(`application ${record.applicationRef} was already imported with other details and is not decided yet; it cannot be changed by import`);
    else problem(`application ${record.applicationRef} is ${row.state}: already decided; cannot be changed by import`);
  }
  return { actions, problems };
}
