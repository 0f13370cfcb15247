import type { BatchRow, LicenceDetail, LicenceRow } from '../../shared/contract/licences.js';
import { UserError } from '../../shared/errors.js';
import { isCentreScoped } from '../../shared/permissions.js';
import { normalisePhone } from '../../shared/phone.js';
import type { Actor } from '../core/actor.js';
import { defineQuery } from '../core/registry.js';
import { requireCentre } from '../core/scope.js';
import { BATCH_ROW_SQL, LICENCE_ROW_SQL, licenceRow } from './rows.js';
import { boardPublicKeys } from './boardKey.js';
import { checkPayload } from './signing.js';

const SORTS = { licenceNo: 'l.licence_year, l.sequence', issuedAt: 'l.issued_at', stateSince: 'l.state_since', name: 'p.last_name, p.first_name' } as const;

/** A clerk sees only their own centre; asking for another one is refused, not silently emptied. */
function centreScope(actor: Actor, asked: string | undefined): string | undefined {
  if (!isCentreScoped(actor.role)) return asked;
  if (asked && asked !== actor.centreId) throw new UserError('forbidden', 'You can see only your own centre\'s licences.');
  return actor.centreId ?? 'none';
}

export const licencesList = defineQuery('licences.list', async (db, { sqlite, actor, desk }, input) =>
  db.connection().execute(async () => {
    const now = desk.clock().toISOString();
    const where: string[] = [];
    const params: Record<string, unknown> = { now };
    const centreId = centreScope(actor, input.centreId);
    if (centreId) { where.push('l.centre_id = @centreId'); params.centreId = centreId; }
    if (input.state) { where.push('l.state = @state'); params.state = input.state; }
    if (input.licenceYear) { where.push('l.licence_year = @year'); params.year = input.licenceYear; }
    if (input.batchId) { where.push('l.batch_id = @batchId'); params.batchId = input.batchId; }
    if (input.search) {
      const term = input.search.trim();
      const phone = normalisePhone(term);
      Object.assign(params, { term: term.toUpperCase(), phone: phone.ok ? phone.msisdn : null, like: `%${term.replace(/[%_]/g, '')}%` });
      where.push(`(p.national_id = @term OR l.licence_no = @term OR p.phone = @phone
        OR (p.first_name || ' ' || p.middle_name || ' ' || p.last_name) LIKE @like OR (p.first_name || ' ' || p.last_name) LIKE @like)`);
    }
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = sqlite.prepare(`SELECT count(*) FROM licences l JOIN practitioners p ON p.id = l.practitioner_id ${filter}`).pluck().get(params) as number;
    const rows = sqlite
      .prepare(`${LICENCE_ROW_SQL} ${filter} ORDER BY ${SORTS[input.sort].split(', ').map((c) => `${c} ${input.dir === 'desc' ? 'DESC' : 'ASC'}`).join(', ')}, l.id LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit: input.pageSize, offset: input.page * input.pageSize }) as LicenceRow[];
    return { rows, total, page: input.page, pageSize: input.pageSize };
  }));

export const licenceDetail = defineQuery('licence.detail', async (db, { sqlite, actor, desk }, input) =>
  db.connection().execute(async (): Promise<LicenceDetail> => {
    const now = desk.clock().toISOString();
    const row = licenceRow(sqlite, input.id, now);
    requireCentre(actor, row.centreId);
    const l = sqlite.prepare(
      `SELECT l.*, pr.cadre, pr.registration_no, u.username AS clerk FROM licences l JOIN practitioners pr ON pr.id = l.practitioner_id
       LEFT JOIN users u ON u.id = l.collected_by_clerk WHERE l.id = ?`,
    ).get(input.id) as Record<string, string | null>;
    const history = sqlite
      .prepare('SELECT at, actor_name AS actor, action, from_state AS fromState, to_state AS toState, reason FROM licence_history WHERE licence_id = ? ORDER BY id')
      .all(input.id) as LicenceDetail['history'];
    return {
      ...row,
      validFrom: l.valid_from!, validTo: l.valid_to!, cadre: l.cadre!, registrationNo: l.registration_no!,
      dispatchedAt: l.dispatched_at ?? null, receivedAt: l.received_at ?? null, collectedAt: l.collected_at ?? null,
      collectedByClerk: l.clerk ?? null, collectorKind: (l.collector_kind as 'holder' | 'proxy' | null) ?? null,
      collectorName: l.collector_name ?? null, collectorIdNo: l.collector_id_no ?? null, collectorNote: l.collector_note ?? null,
      revokedAt: l.revoked_at ?? null, revokeReason: l.revoke_reason ?? null, qrPayload: l.qr_payload!, history,
    };
  }));

export const batchesList = defineQuery('batches.list', async (db, { sqlite, actor }, input) =>
  db.connection().execute(async () => {
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: input.pageSize, offset: input.page * input.pageSize };
    const centreId = centreScope(actor, input.centreId);
    if (centreId) { where.push('b.centre_id = @centreId'); params.centreId = centreId; }
    if (input.state) { where.push('b.state = @state'); params.state = input.state; }
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = sqlite.prepare(`SELECT count(*) FROM dispatch_batches b ${filter}`).pluck().get(params) as number;
    const rows = sqlite.prepare(`${BATCH_ROW_SQL} ${filter} ORDER BY b.created_at DESC, b.id LIMIT @limit OFFSET @offset`).all(params) as BatchRow[];
    return { rows, total, page: input.page, pageSize: input.pageSize };
  }));

/** The key that signs the licences issued now (the latest on record). */
export const licencePublicKey = defineQuery('licence.publicKey', async (_db, { sqlite }) => ({ publicKey: boardPublicKeys(sqlite).at(-1) ?? null }));

/** Valid, tampered, or revoked as far as this desk knows. */
export const licenceVerify = defineQuery('licence.verify', async (db, { sqlite }, input) =>
  db.connection().execute(async () => {
    const publicKeys = boardPublicKeys(sqlite);
    if (publicKeys.length === 0) throw new UserError('not_configured', 'This desk has no Board public key yet: no licence has been issued or synced here.');
    const check = checkPayload(input.payload, publicKeys);
    if (!check.ok && check.reason === 'unreadable') {
      return { status: 'unreadable' as const, message: 'This is not a KMLTTB licence code.' };
    }
    const claims = check.claims!;
    if (!check.ok) {
      return { status: 'tampered' as const, message: `The code does not carry the Board's signature: it was changed or forged. Do not accept it.`, ...claims };
    }
    const here = sqlite.prepare('SELECT state, revoke_reason FROM licences WHERE licence_no = ?').get(claims.licenceNo) as { state: string; revoke_reason: string | null } | undefined;
    if (here?.state === 'revoked') {
      return { status: 'revoked' as const, message: `Licence ${claims.licenceNo} was revoked${here.revoke_reason ? `: ${here.revoke_reason}` : ''}.`, ...claims, knownHere: true };
    }
    return {
      status: 'valid' as const,
      message: `Valid licence ${claims.licenceNo} for ${claims.holderName}, ${claims.licenceYear}.${here ? '' : ' (This desk does not hold it, so a revocation would not show here.)'}`,
      ...claims, knownHere: Boolean(here),
    };
  }));
