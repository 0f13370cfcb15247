import { describe, expect, it } from 'vitest';
import { looksLikeFormula, parseWholeNumber, parseYesNo } from '../../../../src/main/applications/import/cells.js';

describe('cells of an imported file', () => {
  it('treats text starting with = + - @ as a spreadsheet formula', () => {
    for (const v of ['=1+1', '+', '-Kamau', "=cmd|' /C calc'!A0", '+SUM(A1)', '-2+3+cmd|x', '@SUM(A1:A2)', '  =HYPERLINK("x")']) {
      expect(looksLikeFormula(v), v).toBe(true);
    }
  });

  it('treats a leading tab or carriage return as a formula trick', () => {
    expect(looksLikeFormula('\t=1')).toBe(true);
    expect(looksLikeFormula('\rKamau')).toBe(true);
  });

  it('does not take phone numbers, signed numbers or ordinary text for formulas', () => {
    for (const v of [
      '+254712345678',
      '+254 712 345 678',
      '+254-722-000-111',
      '+254 (0) 722 000111',
      '-3',
      '-',
      '+44 7700 900123',
      'Kamau',
      'a=b',
      '',
      'Wanjiru-Kamau',
    ]) {
      expect(looksLikeFormula(v), v).toBe(false);
    }
  });

  it('reads yes and no in the ways spreadsheets write them', () => {
    for (const v of ['yes', 'Y', 'TRUE', '1', ' Yes ']) expect(parseYesNo(v), v).toBe(true);
    for (const v of ['no', 'N', 'false', '0']) expect(parseYesNo(v), v).toBe(false);
    for (const v of ['', 'maybe', '2', 'yess']) expect(parseYesNo(v), v).toBeNull();
  });

  it('reads whole numbers, also as 12.0, and nothing else', () => {
    expect(parseWholeNumber('12')).toBe(12);
    expect(parseWholeNumber(' 0 ')).toBe(0);
    expect(parseWholeNumber('12.0')).toBe(12);
    for (const v of ['-3', '12.5', 'twelve', '', '1e3']) expect(parseWholeNumber(v), v).toBeNull();
  });
});
