import { sql } from 'kysely';
import type { LicenceDetail } from '../../shared/contract/licences.js';
import { UserError } from '../../shared/errors.js';
import { isCentreScoped } from '../../shared/permissions.js';
import { normalisePhone } from '../../shared/phone.js';
import type { Actor } from '../core/actor.js';
import { defineQuery } from '../core/registry.js';
import { requireCentre } from '../core/scope.js';
import { pageOf } from '../db/pages.js';
import { batchRows, licenceRow, licenceRows, licencesFrom } from './rows.js';
import { boardPublicKeys } from './boardKey.js';
import { checkPayload } from './signing.js';
import { payloadFromScan } from '../../shared/licenceVerifyAddress.js';

const SORTS = {
  licenceNo: ['l.licence_year', 'l.sequence'],
  issuedAt: ['l.issued_at'],
  stateSince: ['l.state_since'],
  name: ['p.last_name', 'p.first_name'],
} as const;

/** A clerk sees only their own centre; asking for another one is refused, not silently emptied. */
function centreScope(actor: Actor, asked: string | undefined): string | undefined {
  if (!isCentreScoped(actor.role)) return asked;
  if (asked && asked !== actor.centreId) throw new UserError('forbidden', "You can see only your own centre's licences.");
  return actor.centreId ?? 'none';
}

export const licencesList = defineQuery('licences.list', async ({ db, actor, desk }, input) => {
  let q = licencesFrom(db);
  const centreId = centreScope(actor, input.centreId);
  if (centreId) q = q.where('l.centre_id', '=', centreId);
  if (input.state) q = q.where('l.state', '=', input.state);
  if (input.licenceYear) q = q.where('l.licence_year', '=', input.licenceYear);
  if (input.batchId) q = q.where('l.batch_id', '=', input.batchId);
  if (input.numbered !== undefined) q = q.where('l.sequence', input.numbered ? '>' : '<', 0);
  if (input.search) {
    const term = input.search.trim();
    const phone = normalisePhone(term);
    const like = `%${term.replace(/[%_]/g, '')}%`;
    q = q.where((eb) =>
      eb.or([
        eb('p.national_id', '=', term.toUpperCase()),
        eb('l.licence_no', '=', term.toUpperCase()),
        eb('p.phone', '=', phone.ok ? phone.msisdn : null),
        eb(sql<string>`p.first_name || ' ' || p.middle_name || ' ' || p.last_name`, 'like', like),
        eb(sql<string>`p.first_name || ' ' || p.last_name`, 'like', like),
      ]),
    );
  }
  let rows = licenceRows(db, desk.clock().toISOString(), q);
  for (const column of SORTS[input.sort]) rows = rows.orderBy(column, input.dir === 'desc' ? 'desc' : 'asc');
  return pageOf(db, q, rows.orderBy('l.id'), input);
});

export const licenceDetail = defineQuery('licence.detail', async ({ db, actor, desk }, input): Promise<LicenceDetail> => {
  const row = licenceRow(db, input.id, desk.clock().toISOString());
  requireCentre(actor, row.centreId);
  const l = db.first(
    db
      .selectFrom('licences as l')
      .innerJoin('practitioners as pr', 'pr.id', 'l.practitioner_id')
      .leftJoin('users as u', 'u.id', 'l.collected_by_clerk')
      .select([
        'l.valid_from as validFrom',
        'l.valid_to as validTo',
        'pr.cadre',
        'pr.registration_no as registrationNo',
        'l.dispatched_at as dispatchedAt',
        'l.received_at as receivedAt',
        'l.collected_at as collectedAt',
        'u.username as collectedByClerk',
        'l.collector_kind as collectorKind',
        'l.collector_name as collectorName',
        'l.collector_id_no as collectorIdNo',
        'l.collector_note as collectorNote',
        'l.revoked_at as revokedAt',
        'l.revoke_reason as revokeReason',
        'l.qr_payload as qrPayload',
      ])
      .where('l.id', '=', input.id),
  )!;
  const history = db.all(
    db
      .selectFrom('licence_history')
      .select(['at', 'actor_name as actor', 'action', 'from_state as fromState', 'to_state as toState', 'reason'])
      .where('licence_id', '=', input.id)
      .orderBy('id'),
  );
  return { ...row, ...l, history };
});

export const batchesList = defineQuery('batches.list', async ({ db, actor }, input) => {
  let q = db.selectFrom('dispatch_batches as b');
  const centreId = centreScope(actor, input.centreId);
  if (centreId) q = q.where('b.centre_id', '=', centreId);
  if (input.state) q = q.where('b.state', '=', input.state);
  return pageOf(db, q, batchRows(db, q).orderBy('b.created_at', 'desc').orderBy('b.id'), input);
});

/** The key that signs the licences issued now (the latest on record). */
export const licencePublicKey = defineQuery('licence.publicKey', async ({ db }) => ({ publicKey: boardPublicKeys(db).at(-1) ?? null }));

/** Valid, tampered, or revoked as far as this desk knows; takes the bare payload or the verify address that carries it. */
export const licenceVerify = defineQuery('licence.verify', async ({ db }, input) => {
  const publicKeys = boardPublicKeys(db);
  if (publicKeys.length === 0) throw new UserError('not_configured', 'This desk has no Board public key yet: no licence has been issued or synced here.');
  const check = checkPayload(payloadFromScan(input.payload), publicKeys);
  if (!check.ok && check.reason === 'unreadable') {
    return { status: 'unreadable' as const, message: 'This is not a KMLTTB licence code.' };
  }
  const claims = check.claims!;
  if (!check.ok) {
    return { status: 'tampered' as const, message: `The code does not carry the Board's signature: it was changed or forged. Do not accept it.`, ...claims };
  }
  const here = db.first(db.selectFrom('licences').select(['state', 'revoke_reason']).where('licence_no', '=', claims.licenceNo));
  if (here?.state === 'revoked') {
    return {
      status: 'revoked' as const,
      message: `Licence ${claims.licenceNo} was revoked${here.revoke_reason ? `: ${here.revoke_reason}` : ''}.`,
      ...claims,
      knownHere: true,
    };
  }
  return {
    status: 'valid' as const,
    message: `Valid licence ${claims.licenceNo} for ${claims.holderName}, ${claims.licenceYear}.${here ? '' : ' (This desk does not hold it, so a revocation would not show here.)'}`,
    ...claims,
    knownHere: Boolean(here),
  };
});
