import type { LicenceState } from './contract/licences.js';

/** DOMAIN.md "Licence": issued → dispatched → at_centre → collected; revoked from any state but collected. */
export type LicenceAction = 'dispatch' | 'receive' | 'collect' | 'revoke' | 'reassign';

const MOVES: Record<LicenceAction, { from: readonly LicenceState[]; to: LicenceState | null }> = {
  dispatch: { from: ['issued'], to: 'dispatched' },
  receive: { from: ['dispatched'], to: 'at_centre' },
  collect: { from: ['at_centre'], to: 'collected' },
  revoke: { from: ['issued', 'dispatched', 'at_centre'], to: 'revoked' },
  /** Reassigning keeps the state: only before dispatch. */
  reassign: { from: ['issued'], to: null },
};

export function licenceMove(from: LicenceState, action: LicenceAction): { ok: true; to: LicenceState } | { ok: false; message: string } {
  const move = MOVES[action];
  if (!move.from.includes(from)) return { ok: false, message: licenceRefusal(from, action) };
  return { ok: true, to: move.to ?? from };
}

const STATE_WORDS: Record<LicenceState, string> = {
  issued: 'issued',
  dispatched: 'on its way to the centre',
  at_centre: 'at the centre',
  collected: 'already collected',
  revoked: 'revoked',
};
const ACTION_WORDS: Record<LicenceAction, string> = {
  dispatch: 'dispatched',
  receive: 'received',
  collect: 'collected',
  revoke: 'revoked',
  reassign: 'reassigned to another centre',
};

export function licenceRefusal(from: LicenceState, action: LicenceAction): string {
  return `This licence is ${STATE_WORDS[from]}, so it cannot be ${ACTION_WORDS[action]}.`;
}

/** `KMLTTB/2026/000123` */
/**
 * A licence issued on a desk that syncs is numbered by the central service; until the answer
 * arrives it carries this placeholder, which every screen shows as it is.
 */
export function pendingLicenceNo(licenceId: string): string {
  return `PENDING-${licenceId.replace(/-/g, '').slice(-12).toUpperCase()}`;
}

export function formatLicenceNo(prefix: string, year: number, sequence: number): string {
  return `${prefix}/${year}/${String(sequence).padStart(6, '0')}`;
}
