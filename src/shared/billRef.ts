/**
 * Bill references: at most 12 characters from an alphabet without look-alikes (no O/0, I/1),
 * the last one a check character (Luhn mod N over the alphabet), so that a reference with one
 * mistyped character is caught.
 */
export const BILL_REF_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const N = BILL_REF_ALPHABET.length;
const BODY_LENGTH = 9;
export const BILL_REF_PREFIX = 'LB';

function codePoint(ch: string): number {
  return BILL_REF_ALPHABET.indexOf(ch);
}

export function checkCharacter(body: string): string {
  let factor = 2;
  let sum = 0;
  for (let i = body.length - 1; i >= 0; i--) {
    const cp = codePoint(body[i]!);
    if (cp < 0) throw new Error(`'${body[i]}' is not a bill reference character`);
    let addend = factor * cp;
    factor = factor === 2 ? 1 : 2;
    addend = Math.floor(addend / N) + (addend % N);
    sum += addend;
  }
  return BILL_REF_ALPHABET[(N - (sum % N)) % N]!;
}

/** Upper-cases and drops spaces and separators, as payers type references loosely. */
export function cleanBillRef(raw: string): string {
  return raw.toUpperCase().replace(/[^0-9A-Z]/g, '');
}

export function isValidBillRef(raw: string): boolean {
  const ref = cleanBillRef(raw);
  if (ref.length < 2 || ref.length > 12) return false;
  if ([...ref].some((c) => codePoint(c) < 0)) return false;
  return checkCharacter(ref.slice(0, -1)) === ref.slice(-1);
}

/** Makes a reference from a number (e.g. the invoice sequence mixed with randomness). */
export function billRefFromNumber(value: bigint): string {
  let body = '';
  let v = value;
  for (let i = 0; i < BODY_LENGTH - BILL_REF_PREFIX.length; i++) {
    body = BILL_REF_ALPHABET[Number(v % BigInt(N))]! + body;
    v /= BigInt(N);
  }
  body = BILL_REF_PREFIX + body;
  return body + checkCharacter(body);
}

/**
 * Every valid reference one substitution away from `raw` (the payer mistyped one character).
 * Used to suggest a likely invoice; the caller checks which of these exist.
 */
export function oneCharacterCorrections(raw: string): string[] {
  const ref = cleanBillRef(raw);
  const out: string[] = [];
  for (let i = 0; i < ref.length; i++) {
    for (const c of BILL_REF_ALPHABET) {
      if (c === ref[i]) continue;
      const candidate = ref.slice(0, i) + c + ref.slice(i + 1);
      if (isValidBillRef(candidate)) out.push(candidate);
    }
  }
  return out;
}
