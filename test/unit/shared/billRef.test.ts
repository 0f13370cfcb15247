import { describe, expect, it } from 'vitest';
import { BILL_REF_ALPHABET, billRefFromNumber, checkCharacter, cleanBillRef, isValidBillRef, oneCharacterCorrections } from '../../../src/shared/billRef.js';

/** A small seeded generator (xorshift64*), so that the references are the same on every run. */
function seededBigInts(seed: bigint, count: number): bigint[] {
  const mask = (1n << 64n) - 1n;
  let x = seed & mask;
  const out: bigint[] = [];
  for (let i = 0; i < count; i++) {
    x ^= x >> 12n;
    x ^= (x << 25n) & mask;
    x ^= x >> 27n;
    out.push((x * 0x2545f4914f6cdd1dn) & mask);
  }
  return out;
}

const ALPHABET_WITHOUT_LOOK_ALIKES = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const refs = seededBigInts(0x9e3779b97f4a7c15n, 400).map(billRefFromNumber);

/** Every string that differs from `ref` in exactly one position, by a character from `chars`. */
function substitutions(ref: string, chars: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < ref.length; i++) {
    for (const c of chars) {
      if (c !== ref[i]) out.push(ref.slice(0, i) + c + ref.slice(i + 1));
    }
  }
  return out;
}

describe('bill reference alphabet', () => {
  it('has no look-alike characters: no O, 0, I or 1', () => {
    expect(BILL_REF_ALPHABET).toBe(ALPHABET_WITHOUT_LOOK_ALIKES);
    for (const lookAlike of ['O', '0', 'I', '1']) expect(BILL_REF_ALPHABET).not.toContain(lookAlike);
  });
});

describe('generated bill references', () => {
  it('are at most 12 characters, all from the alphabet without look-alikes', () => {
    const shape = new RegExp(`^[${ALPHABET_WITHOUT_LOOK_ALIKES}]{2,12}$`);
    for (const ref of refs) {
      expect(ref.length).toBeLessThanOrEqual(12);
      expect(ref).toMatch(shape);
    }
  });

  it('end in their own check character and validate', () => {
    for (const ref of refs) {
      expect(ref.slice(-1)).toBe(checkCharacter(ref.slice(0, -1)));
      expect(isValidBillRef(ref)).toBe(true);
    }
  });

  it('are the same every time for the same number', () => {
    expect(billRefFromNumber(123456789n)).toBe(billRefFromNumber(123456789n));
  });

  it('differ for different numbers', () => {
    expect(new Set(refs).size).toBe(refs.length);
    const small = Array.from({ length: 1000 }, (_, i) => billRefFromNumber(BigInt(i)));
    expect(new Set(small).size).toBe(1000);
  });

  it('can be made from the smallest and the largest 64-bit number', () => {
    for (const ref of [billRefFromNumber(0n), billRefFromNumber((1n << 64n) - 1n)]) {
      expect(ref.length).toBeLessThanOrEqual(12);
      expect(isValidBillRef(ref)).toBe(true);
    }
  });
});

describe('check character', () => {
  it('a payment reference with one mistyped character is caught by its check character, at every position and with every other character', () => {
    let checked = 0;
    for (const ref of refs) {
      for (const typo of substitutions(ref, ALPHABET_WITHOUT_LOOK_ALIKES)) {
        checked++;
        if (isValidBillRef(typo)) expect.fail(`${typo} (from ${ref}) was accepted`);
      }
    }
    expect(checked).toBe(refs.length * refs[0]!.length * (ALPHABET_WITHOUT_LOOK_ALIKES.length - 1));
  });

  it('a reference with a look-alike typed in (O, 0, I or 1) is not valid', () => {
    for (const ref of refs.slice(0, 50)) {
      for (const typo of substitutions(ref, 'O0I1')) expect(isValidBillRef(typo)).toBe(false);
    }
  });

  it('an empty or one-character reference is not valid', () => {
    expect(isValidBillRef('')).toBe(false);
    expect(isValidBillRef('   ')).toBe(false);
    expect(isValidBillRef('A')).toBe(false);
  });

  it('a reference longer than 12 characters is not valid even when its check character fits', () => {
    const body = 'ABCDEFGHJKLM';
    expect(isValidBillRef(body + checkCharacter(body))).toBe(false);
    const eleven = 'ABCDEFGHJKL';
    expect(isValidBillRef(eleven + checkCharacter(eleven))).toBe(true);
  });

  it('refuses to compute a check character over a character outside the alphabet', () => {
    expect(() => checkCharacter('LB0')).toThrow("'0' is not a bill reference character");
  });
});

describe('references as payers type them', () => {
  it('cleaning upper-cases and drops spaces and separators', () => {
    expect(cleanBillRef(' lb-2345 6789x ')).toBe('LB23456789X');
    expect(cleanBillRef('LB.234/567_89.X')).toBe('LB23456789X');
  });

  it('a valid reference typed in lower case, with spaces or with separators is still valid', () => {
    for (const ref of refs.slice(0, 50)) {
      const spaced = `${ref.slice(0, 2)} ${ref.slice(2, 6)}-${ref.slice(6)}`;
      expect(isValidBillRef(ref.toLowerCase())).toBe(true);
      expect(isValidBillRef(spaced)).toBe(true);
      expect(isValidBillRef(` ${spaced.toLowerCase()}.`)).toBe(true);
    }
  });
});

describe('suggesting the intended reference', () => {
  it('the corrections of a reference with one typo include the original', () => {
    let index = 0;
    for (const ref of refs.slice(0, 100)) {
      const position = index % ref.length;
      const wrong = BILL_REF_ALPHABET[(BILL_REF_ALPHABET.indexOf(ref[position]!) + 1 + (index % 31)) % 32]!;
      index++;
      const typo = ref.slice(0, position) + wrong + ref.slice(position + 1);
      expect(typo).not.toBe(ref);
      const corrections = oneCharacterCorrections(typo);
      expect(corrections).toContain(ref);
      for (const candidate of corrections) {
        expect(isValidBillRef(candidate)).toBe(true);
        expect([...candidate].filter((c, i) => c !== typo[i]).length).toBe(1);
      }
    }
  });

  it('a typo made loosely, in lower case with spaces, still leads back to the original', () => {
    const ref = refs[0]!;
    const typo = ref.slice(0, 4) + (ref[4] === 'Z' ? 'Y' : 'Z') + ref.slice(5);
    const loose = `${typo.slice(0, 3).toLowerCase()} ${typo.slice(3)}`;
    expect(oneCharacterCorrections(loose)).toContain(ref);
  });

  it('a look-alike typed in place of one character has exactly one correction: the original', () => {
    for (const ref of refs.slice(0, 50)) {
      for (const lookAlike of ['O', '0', 'I', '1']) {
        const typo = ref.slice(0, 5) + lookAlike + ref.slice(6);
        expect(oneCharacterCorrections(typo)).toEqual([ref]);
      }
    }
  });

  it('a valid reference has no corrections, since no other valid reference is one character away', () => {
    for (const ref of refs) expect(oneCharacterCorrections(ref)).toEqual([]);
  });
});
