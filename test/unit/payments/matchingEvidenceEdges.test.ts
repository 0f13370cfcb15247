import { describe, expect, it } from 'vitest';
import { closeReferences } from '../../../src/main/payments/closeReferences.js';
import { nameCloseness } from '../../../src/main/payments/nameCloseness.js';

/** The edges of the evidence suggestions weigh (docs/mutation-testing.md). */
describe('names at the edges', () => {
  it('a two-letter word counts; an initial does not', () => {
    expect(nameCloseness('WU LI', 'Wu Li')).toBe('same');
    expect(nameCloseness('WU CHEN', 'Wu Li')).toBe('close');
    expect(nameCloseness('JOHN KAMAU', 'J Kamau')).toBe('same');
    expect(nameCloseness('J', 'J')).toBe('far');
  });

  it('one letter off counts from five letters on, never in four; two letters off never', () => {
    expect(nameCloseness('KAMAO', 'Kamau')).toBe('same');
    expect(nameCloseness('JOHM', 'John')).toBe('far');
    expect(nameCloseness('KAMAU OTIENI', 'Kamau Otieno')).toBe('same');
    expect(nameCloseness('KAMAU OTIEXX', 'Kamau Otieno')).toBe('close');
    // The shorter word decides: a four-letter word is never one letter off a longer one.
    expect(nameCloseness('ANNE', 'Annex')).toBe('far');
  });

  it('an applicant without a name to compare is far', () => {
    expect(nameCloseness('WANJIRU', '')).toBe('far');
    expect(nameCloseness('WANJIRU', 'J.')).toBe('far');
  });
});

describe('close references at the edges', () => {
  it('references of eight characters are indexed; seven or fewer, typed or stored, are not', () => {
    expect(closeReferences(['ABCD2345'])('ABCD2345')).toEqual(new Map([['ABCD2345', 0]]));
    expect(closeReferences(['ABCD2345'])('ABCD234')).toEqual(new Map());
    expect(closeReferences(['ABCD234'])('ABCD2345')).toEqual(new Map());
  });

  it('finds a reference by its first four, its last three, or (same length) its middle', () => {
    const close = closeReferences(['LB2345678A']);
    // The middle wrong: found by the first four (and the last three); three edits are too many.
    expect(close('LB234X6Y8A')).toEqual(new Map([['LB2345678A', 2]]));
    expect(close('LB23X56YZA').size).toBe(0);
    // First four wrong: found by the last three.
    expect(close('XY2345678A')).toEqual(new Map([['LB2345678A', 2]]));
    // First four wrong and one longer (so no middle of the same length): found by the last three.
    expect(close('XB23456678A')).toEqual(new Map([['LB2345678A', 2]]));
    // First and last wrong, the middle whole: found by the middle.
    expect(close('XB2345678Y')).toEqual(new Map([['LB2345678A', 2]]));
  });

  it('keeps every reference that shares a part, not only the last indexed', () => {
    // Both start LB23; the typed one shares nothing else with the first.
    expect(closeReferences(['LB2345678A', 'LB2399999B'])('LB234X6Y8A')).toEqual(new Map([['LB2345678A', 2]]));
  });

  it('lists every close reference once, each with its distance', () => {
    const close = closeReferences(['LB2345678A', 'LB2345678B', 'LB9999999C']);
    expect(close('LB2345678A')).toEqual(
      new Map([
        ['LB2345678A', 0],
        ['LB2345678B', 1],
      ]),
    );
  });
});
