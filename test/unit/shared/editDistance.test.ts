import { describe, expect, it } from 'vitest';
import { editDistance } from '../../../src/shared/editDistance.js';

describe('edit distance at its edges', () => {
  it('measures from and to the empty string', () => {
    expect(editDistance('', '')).toBe(0);
    expect(editDistance('', 'ABC')).toBe(3);
    expect(editDistance('ABC', '')).toBe(3);
  });

  it('a length difference equal to the limit is still measured; one over it stops at once', () => {
    expect(editDistance('ABC', 'ABCD', 1)).toBe(1);
    expect(editDistance('ABC', 'ABCDE', 1)).toBe(2);
    expect(editDistance('AB', 'ABCDE', 3)).toBe(3);
    expect(editDistance('AB', 'ABCDE', 1)).toBe(2);
  });

  it('answers limit + 1 when every way is past the limit, and the whole distance without a limit', () => {
    expect(editDistance('ABCD', 'WXYZ', 2)).toBe(3);
    expect(editDistance('ABCD', 'WXYZ')).toBe(4);
    expect(editDistance('ABCD', 'ABXY', 2)).toBe(2);
    expect(editDistance('ABCD', 'ABXY', 1)).toBe(2);
  });

  it('counts a swap of two neighbours as two edits', () => {
    expect(editDistance('LB23', 'LB32')).toBe(2);
  });
});
