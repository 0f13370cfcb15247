/** Who paid, from a statement's `Other Party Info` and `Details`. */

export interface Party {
  /** The number as given: a phone, a masked phone (`2547******678`), a hash, or ''. */
  phoneRaw: string;
  name: string;
}

/**
 * Digits, `*` masks and phone punctuation; a long hex hash (M-Pesa may hash the payer's number);
 * or a number a spreadsheet wrote as 2.54712E+11.
 */
const PHONE_OR_HASH = /^(?:[\d*+\s().-]+|[0-9a-f]{16,}|[+-]?\d+(?:\.\d+)?e[+-]?\d+)$/i;

/** `254712345678 - JOHN DOE`, `2547******678 - JOHN DOE`, `<64 hex> - JOHN DOE`, a bare number or hash, or a bare name. */
export function parseOtherPartyInfo(raw: string): Party {
  const text = raw.trim();
  const dash = text.indexOf(' - ');
  if (dash >= 0) return { phoneRaw: text.slice(0, dash).trim(), name: cleanName(text.slice(dash + 3)) };
  if (PHONE_OR_HASH.test(text)) return { phoneRaw: text, name: '' };
  return { phoneRaw: '', name: cleanName(text) };
}

/** The name in `Pay Bill from 254712345678 - JOHN DOE Acc. LB23...`, or '' when there is none. */
export function nameFromDetails(raw: string): string {
  const m = /\bfrom\s+(?:\S+\s+-\s+)?(.+?)(?:\s+Acc(?:\.|\s|$).*)?$/i.exec(raw.trim());
  if (!m) return '';
  const name = m[1]!;
  return PHONE_OR_HASH.test(name) ? '' : cleanName(name);
}

function cleanName(text: string): string {
  return isCleanName(text) ? text : text.replace(/\s+/g, ' ').trim();
}

/** Printable ASCII with single spaces inside (most names): nothing to clean, found without a regular expression. */
function isCleanName(text: string): boolean {
  const last = text.length - 1;
  for (let i = 0; i <= last; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 ? i === 0 || i === last || text.charCodeAt(i - 1) === 0x20 : c < 0x20 || c >= 0x7f) return false;
  }
  return true;
}
