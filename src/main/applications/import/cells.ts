/** Checks on single cells of an imported file. Pure. */

export const MAX_FIELD_LENGTH = 200;
export const MAX_DISCLOSURES_LENGTH = 2000;

/**
 * A signed number, a phone number (`+254 712 345 678`, `+254-712-345678`) or a lone `-` for
 * "none": digits with spaces, dashes, dots or brackets cannot call a function or a program.
 */
const NUMBER_LIKE = /^(?:[+-][\d\s().-]*\d[\d\s().-]*|-+)$/;

/**
 * Text a spreadsheet would run as a formula if it landed in a cell: it begins with `=`, `+`,
 * `-` or `@` (after any spaces), or with a tab or a line break. Plain signed numbers and
 * phone numbers are not formulas.
 */
export function looksLikeFormula(raw: string): boolean {
  // Most cells start with a printable ASCII character other than = + - @: not a formula, decided
  // without the regular expressions (a statement has a hundred thousand rows of them).
  const first = raw.charCodeAt(0);
  if (first > 0x20 && first < 0x7f && first !== 0x3d && first !== 0x2b && first !== 0x2d && first !== 0x40) return false;
  if (/^[\t\r\n]/.test(raw)) return true;
  const text = raw.trim();
  return /^[=+\-@]/.test(text) && !NUMBER_LIKE.test(text);
}

const YES = new Set(['yes', 'y', 'true', '1']);
const NO = new Set(['no', 'n', 'false', '0']);

/** yes/no/true/false/1/0/y/n, any case; null for anything else. */
export function parseYesNo(text: string): boolean | null {
  const t = text.trim().toLowerCase();
  if (YES.has(t)) return true;
  if (NO.has(t)) return false;
  return null;
}

/** A whole number written as `12` (or `12.0`, as spreadsheets write it); null otherwise. */
export function parseWholeNumber(text: string): number | null {
  const m = /^(\d{1,9})(?:\.0+)?$/.exec(text.trim());
  return m ? Number(m[1]) : null;
}
