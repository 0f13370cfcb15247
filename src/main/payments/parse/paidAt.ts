import { nairobiPartsToUtc, parseNairobiDateTime } from '../../../shared/time.js';

/**
 * When a payment was made, as UTC ISO-8601, or null. Reads what parseNairobiDateTime reads
 * (ISO-8601 with or without offset, `DD/MM/YYYY HH:mm[:ss]`; Nairobi time when no offset), and
 * also what statements and spreadsheets write: `30-05-2025 14:22:10`, a one-digit day or month
 * (`3/5/2025 9:05`), and a 12-hour clock (`30/05/2025 02:22:10 PM`).
 */
export function parsePaymentTime(raw: string): string | null {
  const text = raw.trim();
  const m = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})(?:[\sT]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$/.exec(text);
  if (!m) return parseNairobiDateTime(text);
  const [, d, mo, y, h, mi, s, ampm] = m;
  let hour = h === undefined ? 0 : Number(h);
  if (ampm) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (/p/i.test(ampm) ? 12 : 0);
  }
  return nairobiPartsToUtc(Number(y), Number(mo), Number(d), hour, mi === undefined ? 0 : Number(mi), s === undefined ? 0 : Number(s));
}
