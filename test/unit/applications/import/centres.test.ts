import { describe, expect, it } from 'vitest';
import { centreMatcher } from '../../../../src/main/applications/import/centres.js';

const find = centreMatcher([
  { id: 'old-ksm', code: 'KSM0', name: 'RBTC Kisumu' },
  { id: 'nrb', code: 'NRB', name: 'RBTC Nairobi' },
  { id: 'ksm', code: 'KSM', name: 'RBTC Kisumu' },
  { id: 'voi', code: 'VOI', name: 'Voi satellite' },
]);

describe('finding the collection centre an applicant chose', () => {
  it('finds a centre by its code or its name, in any case', () => {
    expect(find('NRB')).toBe('nrb');
    expect(find('nrb')).toBe('nrb');
    expect(find('RBTC Nairobi')).toBe('nrb');
    expect(find('  rbtc   nairobi ')).toBe('nrb');
    expect(find('Voi Satellite')).toBe('voi');
  });

  it('accepts the name without its RBTC prefix', () => {
    expect(find('Nairobi')).toBe('nrb');
    expect(find('kisumu')).toBe('ksm');
  });

  it('prefers the centre listed last when two share a name (the active one)', () => {
    expect(find('RBTC Kisumu')).toBe('ksm');
    expect(find('KSM0')).toBe('old-ksm');
  });

  it('finds nothing for an unknown centre', () => {
    expect(find('Narnia')).toBeNull();
    expect(find('')).toBeNull();
  });
});
