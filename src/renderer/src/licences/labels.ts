import type { LicenceState } from '../../../shared/contract/licences.js';

export const LICENCE_STATE_LABEL: Record<LicenceState, string> = {
  issued: 'Issued',
  dispatched: 'Dispatched',
  at_centre: 'At the centre',
  collected: 'Collected',
  revoked: 'Revoked',
};

export const LICENCE_ACTION_LABEL: Record<string, string> = {
  issue: 'Issued',
  dispatch: 'Dispatched',
  receive: 'Received at the centre',
  collect: 'Collected',
  revoke: 'Revoked',
  reassign: 'Reassigned',
};

/**
 * The numbers issued, by year: `KMLTTB/2026/000001 to KMLTTB/2026/000006; KMLTTB/2027/000001`.
 * Numbers are gapless within a year, so a first and a last say which ones.
 */
export function numbersText(numbers: readonly string[]): string {
  const byYear = new Map<string, string[]>();
  for (const n of [...numbers].sort()) {
    const year = n.slice(0, n.lastIndexOf('/'));
    byYear.set(year, [...(byYear.get(year) ?? []), n]);
  }
  return [...byYear.values()].map((group) => (group.length <= 2 ? group.join(', ') : `${group[0]} to ${group[group.length - 1]}`)).join('; ');
}
