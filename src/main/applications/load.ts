import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { UserError } from '../../shared/errors.js';
import type { ApplicationsTable, PractitionersTable } from '../db/schema.js';

export type ApplicationWithPractitioner = Omit<ApplicationsTable, 'revision' | 'version'> & {
  revision: number;
  version: number;
  p_first_name: string;
  p_last_name: string;
  p_phone: string | null;
  p_language: PractitionersTable['language'];
  centre_name: string | null;
  centre_town: string | null;
};

export function loadApplication(sqlite: BetterSqlite3.Database, id: string): ApplicationWithPractitioner {
  const row = sqlite
    .prepare(
      `SELECT a.*, p.first_name AS p_first_name, p.last_name AS p_last_name, p.phone AS p_phone,
              p.language AS p_language, c.name AS centre_name, c.town AS centre_town
       FROM applications a
       JOIN practitioners p ON p.id = a.practitioner_id
       LEFT JOIN centres c ON c.id = a.centre_id
       WHERE a.id = ?`,
    )
    .get(id) as ApplicationWithPractitioner | undefined;
  if (!row) throw new UserError('not_found', `No application with id ${id}.`);
  return row;
}
