import { describe, expect, it } from 'vitest';
import { closeReferences } from '../../../src/main/payments/closeReferences.js';
import { nameCloseness } from '../../../src/main/payments/nameCloseness.js';
import { editDistance } from '../../../src/shared/editDistance.js';

describe('edit distance', () => {
  it('counts insertions, deletions and substitutions, and stops past the limit', () => {
    expect(editDistance('LB23456789', 'LB23456789')).toBe(0);
    expect(editDistance('LB23456789', 'LB2345678')).toBe(1);
    expect(editDistance('LB23456789', 'LBX3456Y89')).toBe(2);
    expect(editDistance('KITTEN', 'SITTING')).toBe(3);
    expect(editDistance('LB23456789', 'FEES', 2)).toBe(3);
  });
});

describe('references close to a typed one', () => {
  const refs = ['LB2345678A', 'LB9876543B', 'LB2345XYZC'];
  const close = closeReferences(refs);
  it('finds those within two edits, with their distance, wherever the two mistakes are', () => {
    expect(close('LB2345678A')).toEqual(new Map([['LB2345678A', 0]]));
    expect(close('LB2X45678Y')).toEqual(new Map([['LB2345678A', 2]]));
    expect(close('XB23456Y8A')).toEqual(new Map([['LB2345678A', 2]]));
    expect(close('LB234567A')).toEqual(new Map([['LB2345678A', 1]]));
  });
  it('finds nothing for a word, a phone, or three mistakes', () => {
    expect(close('FEES').size).toBe(0);
    expect(close('0712345678').size).toBe(0);
    expect(close('LB2X4Y67ZA').size).toBe(0);
  });
});

describe('how close a payer’s name is to an applicant’s', () => {
  it('is the same when every word of the applicant’s name is there, one letter off at most in a long word', () => {
    expect(nameCloseness('WANJIRU KAMAU', 'Wanjiru Kamau')).toBe('same');
    expect(nameCloseness('JANE WANJIRU GATHONX', 'Wanjiru Gathoni')).toBe('same');
    expect(nameCloseness('Wanjĩru Kamau', 'Wanjiru Kamau')).toBe('same');
  });
  it('is close when some word is, and far otherwise', () => {
    expect(nameCloseness('WANJIRU OTIENO', 'Wanjiru Kamau')).toBe('close');
    expect(nameCloseness('JOHN DOE', 'Wanjiru Kamau')).toBe('far');
    expect(nameCloseness('', 'Wanjiru Kamau')).toBe('far');
    // Short words must be exact: one letter off in "ANN" is another name.
    expect(nameCloseness('ANN', 'Ian')).toBe('far');
  });
});
