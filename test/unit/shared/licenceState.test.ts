import { describe, expect, it } from 'vitest';
import type { LicenceState } from '../../../src/shared/contract/licences.js';
import { formatLicenceNo, licenceMove, licenceRefusal, pendingLicenceNo, type LicenceAction } from '../../../src/shared/licenceState.js';

const STATES: LicenceState[] = ['issued', 'dispatched', 'at_centre', 'collected', 'revoked'];
const ACTIONS: LicenceAction[] = ['dispatch', 'receive', 'collect', 'revoke', 'reassign'];

/** DOMAIN.md "Licence": every allowed move and where it leads; everything else is refused. */
const ALLOWED: Record<string, LicenceState> = {
  'issued dispatch': 'dispatched',
  'dispatched receive': 'at_centre',
  'at_centre collect': 'collected',
  'issued revoke': 'revoked',
  'dispatched revoke': 'revoked',
  'at_centre revoke': 'revoked',
  'issued reassign': 'issued',
};

describe('moving a licence', () => {
  for (const from of STATES) {
    for (const action of ACTIONS) {
      const to = ALLOWED[`${from} ${action}`];
      it(`${action} from ${from} ${to ? `leads to ${to}` : 'is refused'}`, () => {
        expect(licenceMove(from, action)).toEqual(to ? { ok: true, to } : { ok: false, message: licenceRefusal(from, action) });
      });
    }
  }

  it('says why a move is refused in the words staff use', () => {
    expect(licenceRefusal('collected', 'revoke')).toBe('This licence is already collected, so it cannot be revoked.');
    expect(licenceRefusal('dispatched', 'reassign')).toBe('This licence is on its way to the centre, so it cannot be reassigned to another centre.');
    expect(licenceRefusal('at_centre', 'dispatch')).toBe('This licence is at the centre, so it cannot be dispatched.');
    expect(licenceRefusal('issued', 'receive')).toBe('This licence is issued, so it cannot be received.');
    expect(licenceRefusal('revoked', 'collect')).toBe('This licence is revoked, so it cannot be collected.');
  });
});

describe('licence numbers', () => {
  it('pads the sequence to six digits after the prefix and year', () => {
    expect(formatLicenceNo('KMLTTB', 2026, 123)).toBe('KMLTTB/2026/000123');
    expect(formatLicenceNo('LIC', 2027, 1_234_567)).toBe('LIC/2027/1234567');
  });

  it('a pending number is the last twelve characters of the id, without dashes, in capitals', () => {
    expect(pendingLicenceNo('0192f3a4-b5c6-7d8e-9f01-23456789abcd')).toBe('PENDING-23456789ABCD');
    expect(pendingLicenceNo('ab-cd')).toBe('PENDING-ABCD');
  });
});
