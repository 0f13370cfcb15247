import { parsePhoneNumberFromString } from 'libphonenumber-js/mobile';

/**
 * Kenyan mobile numbers. The normalised form is `2547XXXXXXXX` or `2541XXXXXXXX`
 * (the national significant number of nine digits starting 7 or 1, after 254). Not every such
 * number is in a range the regulator gave to a mobile network (`0109…`, `0122…`): those are
 * kept, with `mobile: false`, so the application is flagged and no SMS is paid for in vain.
 */
export type PhoneResult = { ok: true; msisdn: string; mobile: boolean } | { ok: false; reason: 'empty' | 'mangled' | 'invalid' };

const VALID = /^254[17]\d{8}$/;

export function normalisePhone(raw: string | null | undefined): PhoneResult {
  const number = normaliseMsisdn(raw);
  return number.ok ? { ...number, mobile: isKenyanMobile(number.msisdn) } : number;
}

/**
 * `normalisePhone` without the mobile-range look-up (libphonenumber-js, tens of µs a number): for
 * the SMS queue, which queues to any valid number (the worker refuses those outside the mobile
 * ranges), and queues one message per application a settlement made paid (QUALITY.md: matching
 * plus settling ≤ 5×).
 */
export function normaliseMsisdn(raw: string | null | undefined): { ok: true; msisdn: string } | { ok: false; reason: 'empty' | 'mangled' | 'invalid' } {
  const text = (raw ?? '').trim();
  if (text === '') return { ok: false, reason: 'empty' };
  // Spreadsheet notation (2.54712E+11) has lost digits: never guess them back.
  if (/^[+-]?\d+(\.\d+)?e[+-]?\d+$/i.test(text)) return { ok: false, reason: 'mangled' };
  let digits = text.replace(/[\s\-().]/g, '');
  if (digits.startsWith('+')) digits = digits.slice(1);
  if (!/^\d+$/.test(digits)) return { ok: false, reason: 'invalid' };
  if (digits.startsWith('0') && digits.length === 10) digits = '254' + digits.slice(1);
  else if (digits.length === 9 && /^[17]/.test(digits)) digits = '254' + digits;
  return VALID.test(digits) ? { ok: true, msisdn: digits } : { ok: false, reason: 'invalid' };
}

/**
 * Numbers already looked up: libphonenumber-js takes tens of µs a number, and the same
 * practitioner's number is checked for each of their applications' review flags (the service
 * applies a page of a desk's decisions: QUALITY.md, incremental sync ≤ 2 s). Bounded: cleared when full.
 */
const mobileRanges = new Map<string, boolean>();
const MOBILE_RANGES_KEPT = 50_000;

/** Whether a normalised number is in one of Kenya's mobile ranges (libphonenumber-js's numbering-plan metadata). */
export function isKenyanMobile(msisdn: string): boolean {
  if (!VALID.test(msisdn)) return false;
  let mobile = mobileRanges.get(msisdn);
  if (mobile === undefined) {
    if (mobileRanges.size >= MOBILE_RANGES_KEPT) mobileRanges.clear();
    mobile = parsePhoneNumberFromString(`+${msisdn}`)?.isValid() === true;
    mobileRanges.set(msisdn, mobile);
  }
  return mobile;
}

/** Why no SMS goes to a number outside the mobile ranges: for the review flag, the import check and the SMS worker. */
export function notMobileReason(msisdn: string): string {
  return `${displayPhone(msisdn)} is not a Kenyan mobile number (its range is not a mobile network's): no SMS can reach it`;
}

/**
 * The warning for a phone a spreadsheet saved in scientific notation (`2.54722E+11`): its digits
 * are lost, so it is kept as unknown and never guessed; the check before an import says so.
 */
export function spreadsheetPhoneWarning(raw: string, consequence: string): string {
  return `phone ${raw.trim()} lost digits in a spreadsheet: ${consequence}`;
}

/** `+2547…` for the SMS gateway. */
export function gatewayNumber(msisdn: string): string {
  return '+' + msisdn;
}

/** `0712 345 678` for people. */
export function displayPhone(msisdn: string | null | undefined): string {
  if (!msisdn || !VALID.test(msisdn)) return msisdn ?? '';
  const local = '0' + msisdn.slice(3);
  return `${local.slice(0, 4)} ${local.slice(4, 7)} ${local.slice(7)}`;
}
