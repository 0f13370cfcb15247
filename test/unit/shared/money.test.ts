import { describe, expect, it } from 'vitest';
import { centsToDecimal, formatKes, parseAmountToCents } from '../../../src/shared/money.js';

describe('showing money on screen', () => {
  it.each([
    [0, 'KES 0.00'],
    [5, 'KES 0.05'],
    [150000, 'KES 1,500.00'],
    [150050, 'KES 1,500.50'],
    [99999, 'KES 999.99'],
    [123456789, 'KES 1,234,567.89'],
    [-150050, 'KES -1,500.50'],
  ])('%i cents is shown as %s', (cents, text) => {
    expect(formatKes(cents)).toBe(text);
  });

  it('the currency can be left off for a column already headed KES', () => {
    expect(formatKes(150000, false)).toBe('1,500.00');
    expect(formatKes(-5, false)).toBe('-0.05');
  });
});

describe('writing money to an export', () => {
  it.each([
    [0, '0.00'],
    [5, '0.05'],
    [50, '0.50'],
    [150000, '1500.00'],
    [123456, '1234.56'],
    [123456789, '1234567.89'],
    [-5, '-0.05'],
    [-150050, '-1500.50'],
  ])('%i cents is written as %s, with two decimals and no grouping', (cents, text) => {
    expect(centsToDecimal(cents)).toBe(text);
  });
});

describe('reading an amount from a file', () => {
  it.each([
    ['1500', 150000],
    ['1500.00', 150000],
    ['1,500.00', 150000],
    ['KES 1,500', 150000],
    ['KES 1,500.00', 150000],
    ['kes 1500', 150000],
    ['KES1500', 150000],
    ['  1500.5  ', 150050],
    ['1505.07', 150507],
    ['0.05', 5],
    ['0', 0],
    ['1,234,567.89', 123456789],
  ])('"%s" is read as %i cents', (raw, cents) => {
    expect(parseAmountToCents(raw)).toBe(cents);
  });

  it.each([
    ['-1500', -150000],
    ['-1,500.50', -150050],
    ['KES -20.00', -2000],
  ])('a negative amount "%s" is read as %i cents', (raw, cents) => {
    expect(parseAmountToCents(raw)).toBe(cents);
  });

  it('a negative zero is read as plain zero cents', () => {
    expect(parseAmountToCents('-0.00')).toBe(0);
    expect(parseAmountToCents('-0')).toBe(0);
    expect(parseAmountToCents(-0.001)).toBe(0);
  });

  it.each([
    ['an empty string', ''],
    ['spaces', '   '],
    ['words', 'fifteen hundred'],
    ['a currency alone', 'KES'],
    ['two decimal points', '1.500.00'],
    ['three decimals', '1500.555'],
    ['a trailing point', '1500.'],
    ['a letter inside', '15O0'],
    ['another currency', 'USD 1500'],
    ['spreadsheet notation', '1.5E+03'],
    ['a sign after the digits', '1500-'],
  ])('%s is not an amount', (_why, raw) => {
    expect(parseAmountToCents(raw)).toBeNull();
  });

  it('a missing amount is not an amount', () => {
    expect(parseAmountToCents(null)).toBeNull();
    expect(parseAmountToCents(undefined)).toBeNull();
  });

  it('a number cell from a spreadsheet is read as shillings, rounded to the cent', () => {
    expect(parseAmountToCents(1500)).toBe(150000);
    expect(parseAmountToCents(1500.5)).toBe(150050);
    expect(parseAmountToCents(0.1 + 0.2)).toBe(30);
    expect(parseAmountToCents(-25)).toBe(-2500);
  });

  it('a number cell that is not finite is not an amount', () => {
    expect(parseAmountToCents(Number.NaN)).toBeNull();
    expect(parseAmountToCents(Number.POSITIVE_INFINITY)).toBeNull();
  });

  it('an amount read and written back is unchanged', () => {
    for (const cents of [0, 1, 99, 100, 150000, 150507, 123456789]) {
      expect(parseAmountToCents(centsToDecimal(cents))).toBe(cents);
      expect(parseAmountToCents(formatKes(cents))).toBe(cents);
    }
  });
});
