import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { BatchRow, LicenceRow, LicenceState } from '../../shared/contract/licences.js';
import { UserError } from '../../shared/errors.js';

export const LICENCE_ROW_SQL = `
  SELECT l.id, l.licence_no AS licenceNo, l.licence_year AS licenceYear,
         trim(p.first_name || ' ' || CASE WHEN p.middle_name <> '' THEN p.middle_name || ' ' ELSE '' END || p.last_name) AS holderName,
         p.national_id AS nationalId, p.phone, l.centre_id AS centreId, c.name AS centreName, l.state, b.batch_no AS batchNo,
         l.issued_at AS issuedAt, l.state_since AS stateSince,
         CAST(julianday(@now) - julianday(l.state_since) AS INTEGER) AS daysInState, a.application_ref AS applicationRef
  FROM licences l
  JOIN practitioners p ON p.id = l.practitioner_id
  JOIN centres c ON c.id = l.centre_id
  JOIN applications a ON a.id = l.application_id
  LEFT JOIN dispatch_batches b ON b.id = l.batch_id`;

export function licenceRow(sqlite: BetterSqlite3.Database, id: string, now: string): LicenceRow {
  const row = sqlite.prepare(`${LICENCE_ROW_SQL} WHERE l.id = @id`).get({ id, now }) as LicenceRow | undefined;
  if (!row) throw new UserError('not_found', `No licence with id ${id}.`);
  return row;
}

export interface LicenceRecord { id: string; licence_no: string; state: LicenceState; centre_id: string; application_id: string; batch_id: string | null }

export function licenceRecord(sqlite: BetterSqlite3.Database, id: string): LicenceRecord {
  const row = sqlite.prepare('SELECT id, licence_no, state, centre_id, application_id, batch_id FROM licences WHERE id = ?').get(id) as LicenceRecord | undefined;
  if (!row) throw new UserError('not_found', `No licence with id ${id}.`);
  return row;
}

export const BATCH_ROW_SQL = `
  SELECT b.id, b.batch_no AS batchNo, b.centre_id AS centreId, c.name AS centreName, b.state, b.licence_count AS licenceCount,
         b.created_at AS createdAt, cu.username AS createdBy, b.received_at AS receivedAt, ru.username AS receivedBy
  FROM dispatch_batches b
  JOIN centres c ON c.id = b.centre_id
  LEFT JOIN users cu ON cu.id = b.created_by
  LEFT JOIN users ru ON ru.id = b.received_by`;

export function batchRow(sqlite: BetterSqlite3.Database, id: string): BatchRow {
  const row = sqlite.prepare(`${BATCH_ROW_SQL} WHERE b.id = ?`).get(id) as BatchRow | undefined;
  if (!row) throw new UserError('not_found', `No batch with id ${id}.`);
  return row;
}

/** Writes one step of a licence's history. */
export function recordLicenceHistory(
  sqlite: BetterSqlite3.Database,
  e: { licenceId: string; at: string; actorId: string | null; actorName: string; action: string; from: string | null; to: string | null; centreId: string | null; reason?: string | null },
): void {
  sqlite
    .prepare('INSERT INTO licence_history (licence_id, at, actor_id, actor_name, action, from_state, to_state, centre_id, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .run(e.licenceId, e.at, e.actorId, e.actorName, e.action, e.from, e.to, e.centreId, e.reason ?? null);
}
