import { describe, expect, it } from 'vitest';
import { matchHeaders, normaliseHeader } from '../../src/shared/headers.js';

const COLUMNS = [
  { name: 'application_ref', required: true },
  { name: 'national_id', required: true },
  { name: 'middle_name' },
  { name: 'phone', required: true, aliases: ['Mobile number'] },
] as const;

describe('header matching', () => {
  it('ignores case, spaces, underscores and punctuation', () => {
    for (const h of ['application_ref', 'Application Ref', 'APPLICATION-REF.', ' application ref ', 'Application_Ref:']) {
      expect(normaliseHeader(h)).toBe('applicationref');
    }
  });

  it('ignores a byte order mark stuck to the first header', () => {
    expect(matchHeaders(['\uFEFFApplication Ref', 'National ID', 'Phone'], COLUMNS).index.application_ref).toBe(0);
  });

  it('finds each column where it is, in any order', () => {
    const m = matchHeaders(['Phone', 'National ID', 'application_ref', 'Middle Name'], COLUMNS);
    expect(m.index).toEqual({ phone: 0, national_id: 1, application_ref: 2, middle_name: 3 });
    expect(m.missing).toEqual([]);
  });

  it('names the required columns that are missing, but not the optional ones', () => {
    const m = matchHeaders(['application_ref'], COLUMNS);
    expect(m.missing).toEqual(['national_id', 'phone']);
  });

  it('accepts an alias for a column', () => {
    expect(matchHeaders(['Mobile Number', 'application_ref', 'national_id'], COLUMNS).index.phone).toBe(0);
  });

  it('reports a column given twice and lists headers it does not know', () => {
    const m = matchHeaders(['phone', 'application_ref', 'national_id', 'PHONE', 'Favourite colour', ''], COLUMNS);
    expect(m.duplicates).toEqual([{ name: 'phone', positions: [0, 3] }]);
    expect(m.index.phone).toBe(0);
    expect(m.unknown).toEqual(['Favourite colour']);
  });

  it('does not confuse letters from other scripts with punctuation', () => {
    expect(normaliseHeader('Numéro d’identité')).toBe('numérodidentité');
  });
});
