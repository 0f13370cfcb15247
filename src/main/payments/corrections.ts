import { BILL_REF_ALPHABET } from '../../shared/billRef.js';

/**
 * The check-character arithmetic of src/shared/billRef.ts (Luhn mod N over the alphabet), for
 * auto-matching many payments: a reference is valid when the sum of its characters' addends
 * (from the right: weight 1, 2, 1, 2, … with the digits of each product summed in base N) is a
 * multiple of N. As every weight maps the alphabet one-to-one onto its addends, each position of
 * an invalid reference has exactly one character that makes it valid: so the one-character
 * corrections are found from the sum, N times faster than trying every substitution.
 */
const N = BILL_REF_ALPHABET.length;
const CODE = new Int8Array(128).fill(-1);
for (let i = 0; i < N; i++) CODE[BILL_REF_ALPHABET.charCodeAt(i)] = i;

function addend(codePoint: number, fromRight: number): number {
  const product = fromRight % 2 === 0 ? codePoint : 2 * codePoint;
  return Math.floor(product / N) + (product % N);
}

function codePoints(ref: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    out.push(c < 128 ? CODE[c]! : -1);
  }
  return out;
}

/** `isValidBillRef` for a reference already cleaned (`cleanBillRef`). */
export function isValidCleanRef(ref: string): boolean {
  if (ref.length < 2 || ref.length > 12) return false;
  let sum = 0;
  const cps = codePoints(ref);
  for (let i = 0; i < cps.length; i++) {
    if (cps[i]! < 0) return false;
    sum += addend(cps[i]!, cps.length - 1 - i);
  }
  return sum % N === 0;
}

/**
 * `oneCharacterCorrections` for a reference already cleaned: the same references in the same
 * order (by position, then alphabet).
 */
export function correctionsOfCleanRef(ref: string): string[] {
  const length = ref.length;
  if (length < 2 || length > 12) return [];
  const cps = codePoints(ref);
  const bad: number[] = [];
  let sum = 0;
  for (let i = 0; i < length; i++) {
    if (cps[i]! < 0) bad.push(i);
    else sum += addend(cps[i]!, length - 1 - i);
  }
  // Two characters outside the alphabet cannot both be fixed by one substitution.
  if (bad.length > 1) return [];
  // No substitution keeps a valid reference valid: it changes the sum by a non-zero amount under N.
  if (bad.length === 0 && sum % N === 0) return [];
  const out: string[] = [];
  const positions = bad.length === 1 ? bad : cps.map((_, i) => i);
  for (const i of positions) {
    const rest = cps[i]! < 0 ? sum : sum - addend(cps[i]!, length - 1 - i);
    for (let c = 0; c < N; c++) {
      if (c === cps[i] || (rest + addend(c, length - 1 - i)) % N !== 0) continue;
      out.push(ref.slice(0, i) + BILL_REF_ALPHABET[c]! + ref.slice(i + 1));
    }
  }
  return out;
}
