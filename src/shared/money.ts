/** Money is integer cents (KES × 100) in code and storage; KES with two decimals on screen. */

/** `toLocaleString('en-KE')` made once: each call of that builds a formatter anew (the paid SMS of a settlement format thousands). */
const SHILLINGS = new Intl.NumberFormat('en-KE');

export function formatKes(cents: number, withCurrency = true): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.round(cents));
  const shillings = SHILLINGS.format(Math.floor(abs / 100));
  const text = `${sign}${shillings}.${String(abs % 100).padStart(2, '0')}`;
  return withCurrency ? `KES ${text}` : text;
}

/** `1234.5` for exports: KES with two decimals, no grouping. */
export function centsToDecimal(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Parses "1500", "1500.00", "1,500.00", "KES 1,500" into cents; null when it is not an amount. */
export function parseAmountToCents(raw: string | number | null | undefined): number | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'number') return Number.isFinite(raw) ? Math.round(raw * 100) + 0 : null; // + 0 turns -0 into 0
  const quick = plainAmountToCents(raw.trim());
  if (quick !== undefined) return quick;
  const text = raw
    .trim()
    .replace(/^KES\s*/i, '')
    .replace(/,/g, '');
  if (!/^-?\d+(\.\d{1,2})?$/.test(text)) return null;
  const [whole, frac = ''] = text.replace('-', '').split('.');
  const cents = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  return text.startsWith('-') && cents !== 0 ? -cents : cents;
}

const [COMMA, MINUS, DOT, ZERO, NINE] = [0x2c, 0x2d, 0x2e, 0x30, 0x39];

/**
 * parseAmountToCents for the amounts files hold (`1500`, `-22.00`, `1,500.00`) read in one pass,
 * without regular expressions (a statement has a hundred thousand); undefined for anything else
 * (`KES …`, more than 15 digits, not an amount), which the general reading decides.
 */
function plainAmountToCents(text: string): number | null | undefined {
  let negative = false;
  let started = false;
  let inFraction = false;
  let whole = 0;
  let wholeDigits = 0;
  let fraction = 0;
  let fractionDigits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === COMMA) continue;
    if (c >= ZERO && c <= NINE) {
      if (inFraction) {
        fraction = fraction * 10 + (c - ZERO);
        fractionDigits++;
      } else {
        whole = whole * 10 + (c - ZERO);
        wholeDigits++;
      }
    } else if (c === MINUS && !started) negative = true;
    else if (c === DOT && !inFraction) inFraction = true;
    else return undefined;
    started = true;
  }
  if (wholeDigits === 0 || wholeDigits > 15 || (inFraction && (fractionDigits === 0 || fractionDigits > 2))) return undefined;
  const cents = whole * 100 + (fractionDigits === 1 ? fraction * 10 : fraction);
  return negative && cents !== 0 ? -cents : cents;
}
