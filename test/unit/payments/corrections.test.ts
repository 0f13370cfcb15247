import { describe, expect, it } from 'vitest';
import { BILL_REF_ALPHABET, billRefFromNumber, isValidBillRef, oneCharacterCorrections } from '../../../src/shared/billRef.js';
import { correctionsOfCleanRef, isValidCleanRef } from '../../../src/main/payments/corrections.js';

/** A small seeded generator, so that a failure can be repeated. */
function lcg(seed: number) {
  let x = seed >>> 0;
  return (n: number) => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x % n;
  };
}

describe('check-character corrections computed from the sum', () => {
  it('give the same references, in the same order, as trying every substitution', () => {
    const next = lcg(20260101);
    const chars = `${BILL_REF_ALPHABET}01OI`;
    const refs: string[] = ['', 'A', 'ZZ', '0', '01', 'LB', '2ABCDEFGHJKLMN'];
    for (let k = 0; k < 400; k++) {
      const valid = billRefFromNumber(BigInt(next(2 ** 30)) * 7919n);
      refs.push(valid);
      const chars1 = [...valid];
      chars1[next(valid.length)] = chars[next(chars.length)]!;
      refs.push(chars1.join(''));
      const chars2 = [...chars1];
      chars2[next(valid.length)] = chars[next(chars.length)]!;
      refs.push(chars2.join(''));
      const length = 1 + next(13);
      refs.push(Array.from({ length }, () => chars[next(chars.length)]).join(''));
      refs.push(Array.from({ length: 8 }, () => String(next(10))).join(''));
    }
    for (const ref of refs) {
      expect(isValidCleanRef(ref), ref).toBe(isValidBillRef(ref));
      expect(correctionsOfCleanRef(ref), ref).toEqual(oneCharacterCorrections(ref));
    }
  });
});
