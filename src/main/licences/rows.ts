import { sql, type Updateable } from 'kysely';
import type { BatchRow, LicenceRow, LicenceState } from '../../shared/contract/licences.js';
import type { CommandContext } from '../core/registry.js';
import type { ReadableDB } from '../db/handles.js';
import type { LicencesTable } from '../db/schema.js';
import { found } from '../db/found.js';

/** The holder's full name, from the practitioner joined as `p`: first, middle (when there is one) and last. */
export const holderName = sql<string>`trim(p.first_name || ' ' || CASE WHEN p.middle_name <> '' THEN p.middle_name || ' ' ELSE '' END || p.last_name)`;

/** Licences (`l`) with their holder (`p`): what a list filters on before the rest is joined. */
export function licencesFrom(db: ReadableDB) {
  return db.selectFrom('licences as l').innerJoin('practitioners as p', 'p.id', 'l.practitioner_id');
}

/** The licences of the register, with their holder, centre, batch and application; `now` counts the days in their state. */
export function licenceRows(db: ReadableDB, now: string, from = licencesFrom(db)) {
  return from
    .innerJoin('centres as c', 'c.id', 'l.centre_id')
    .innerJoin('applications as a', 'a.id', 'l.application_id')
    .leftJoin('dispatch_batches as b', 'b.id', 'l.batch_id')
    .select([
      'l.id',
      'l.licence_no as licenceNo',
      'l.licence_year as licenceYear',
      holderName.as('holderName'),
      'p.national_id as nationalId',
      'p.phone',
      'l.centre_id as centreId',
      'c.name as centreName',
      'l.state',
      'b.batch_no as batchNo',
      'l.issued_at as issuedAt',
      'l.state_since as stateSince',
      sql<number>`CAST(julianday(${now}) - julianday(l.state_since) AS INTEGER)`.as('daysInState'),
      'a.application_ref as applicationRef',
    ]);
}

export function licenceRow(db: ReadableDB, id: string, now: string): LicenceRow {
  return found(db.first(licenceRows(db, now).where('l.id', '=', id)), `licence with id ${id}`);
}

export function licenceRecord(db: ReadableDB, id: string) {
  return found(
    db.first(db.selectFrom('licences').select(['id', 'licence_no', 'state', 'centre_id', 'application_id', 'batch_id']).where('id', '=', id)),
    `licence with id ${id}`,
  );
}

/** Dispatch batches, with their centre and the users who made and received them. */
export function batchRows(db: ReadableDB, from = db.selectFrom('dispatch_batches as b')) {
  return from
    .innerJoin('centres as c', 'c.id', 'b.centre_id')
    .leftJoin('users as cu', 'cu.id', 'b.created_by')
    .leftJoin('users as ru', 'ru.id', 'b.received_by')
    .select([
      'b.id',
      'b.batch_no as batchNo',
      'b.centre_id as centreId',
      'c.name as centreName',
      'b.state',
      'b.licence_count as licenceCount',
      'b.created_at as createdAt',
      'cu.username as createdBy',
      'b.received_at as receivedAt',
      'ru.username as receivedBy',
    ]);
}

export function batchRow(db: ReadableDB, id: string): BatchRow {
  return found(db.first(batchRows(db).where('b.id', '=', id)), `batch with id ${id}`);
}

/** One step of a licence's history, taken by the command's actor at its time. */
export interface LicenceStep {
  licenceId: string;
  action: string;
  from: string | null;
  to: string | null;
  centreId: string | null;
  reason?: string | null;
}

type ByCommand = Pick<CommandContext, 'db' | 'now' | 'actor'>;

/** Writes steps of licences' histories, in one statement. */
export function recordLicenceHistory({ db, now, actor }: ByCommand, steps: LicenceStep[]): void {
  db.run(
    db.insertInto('licence_history').values(
      steps.map((e) => ({
        licence_id: e.licenceId,
        at: now,
        actor_id: actor.id,
        actor_name: actor.username,
        action: e.action,
        from_state: e.from,
        to_state: e.to,
        centre_id: e.centreId,
        reason: e.reason ?? null,
      })),
    ),
  );
}

/** A change to licences: the history `action`, the new state (none keeps it), other columns, the centre and reason of the step. */
export interface LicenceChange {
  action: string;
  to?: LicenceState;
  set?: Updateable<LicencesTable>;
  /** The centre the step records; each licence's own when not given. */
  centreId?: string;
  reason?: string | null;
}

/** Changes licences (a new version, and the state since now when it moves) and records the step in each one's history. */
export function changeLicences(by: ByCommand, licences: readonly { id: string; state: string; centre_id: string }[], change: LicenceChange): void {
  const { db, now } = by;
  for (const part of inChunks(licences)) {
    db.run(
      db
        .updateTable('licences')
        .set((eb) => ({
          ...change.set,
          ...(change.to && { state: change.to, state_since: now }),
          version: eb('version', '+', 1),
          updated_at: now,
        }))
        .where(
          'id',
          'in',
          part.map((l) => l.id),
        ),
    );
    recordLicenceHistory(
      by,
      part.map((l) => ({
        licenceId: l.id,
        action: change.action,
        from: l.state,
        to: change.to ?? l.state,
        centreId: change.centreId ?? l.centre_id,
        reason: change.reason,
      })),
    );
  }
}

/**
 * Many licences at once (a bulk issue, a batch) are written a few hundred rows per statement:
 * well inside SQLite's limit of bound values, and far fewer statements than one per licence.
 */
export const ROWS_PER_STATEMENT = 500;

export function inChunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += ROWS_PER_STATEMENT) out.push(items.slice(i, i + ROWS_PER_STATEMENT));
  return out;
}
