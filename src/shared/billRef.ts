/**
 * Bill references: at most 12 characters from an alphabet without look-alikes (no O/0, I/1),
 * the last one a check character (Luhn mod N over the alphabet), so that a reference with one
 * mistyped character is caught.
 */
export const BILL_REF_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const N = BILL_REF_ALPHABET.length;
const BODY_LENGTH = 9;
export const BILL_REF_PREFIX = 'LB';

/** Each character's place in the alphabet by its char code; -1 for the others. */
const PLACE = new Int8Array(128).fill(-1);
for (let i = 0; i < N; i++) PLACE[BILL_REF_ALPHABET.charCodeAt(i)] = i;

function placeAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  return code < 128 ? PLACE[code]! : -1;
}

export function checkCharacter(body: string): string {
  const place = checkPlace(body, body.length);
  if (place < 0) {
    let bad = body.length - 1; // the last one, as the check reads from the end
    while (placeAt(body, bad) >= 0) bad--;
    throw new Error(`'${body[bad]}' is not a bill reference character`);
  }
  return BILL_REF_ALPHABET[place]!;
}

/**
 * The check character's place in the alphabet for `text` up to `end` (Luhn mod N), or -1 when a
 * character there is not in the alphabet. Read in place: every payment's reference is checked.
 */
function checkPlace(text: string, end: number): number {
  let factor = 2;
  let sum = 0;
  for (let i = end - 1; i >= 0; i--) {
    const cp = placeAt(text, i);
    if (cp < 0) return -1;
    let addend = factor * cp;
    factor = factor === 2 ? 1 : 2;
    addend = Math.floor(addend / N) + (addend % N);
    sum += addend;
  }
  return (N - (sum % N)) % N;
}

/** Upper-cases and drops spaces and separators, as payers type references loosely. */
export function cleanBillRef(raw: string): string {
  return isClean(raw) ? raw : raw.toUpperCase().replace(/[^0-9A-Z]/g, '');
}

/** Already upper case, digits and letters only (most references are): nothing to clean. */
function isClean(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a))) return false;
  }
  return true;
}

export function isValidBillRef(raw: string): boolean {
  const ref = cleanBillRef(raw);
  if (ref.length < 2 || ref.length > 12) return false;
  const last = placeAt(ref, ref.length - 1);
  return last >= 0 && checkPlace(ref, ref.length - 1) === last;
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
