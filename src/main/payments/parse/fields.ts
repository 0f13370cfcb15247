import { parseAmountToCents } from '../../../shared/money.js';
import { normaliseMsisdn, spreadsheetPhoneWarning } from '../../../shared/phone.js';
import { looksLikeFormula } from '../../applications/import/cells.js';
import { parsePaymentTime } from './paidAt.js';
import type { ParseProblem } from './types.js';

/** A longer value is a broken file (or an attack), not a payment detail. */
export const MAX_PAYMENT_FIELD_LENGTH = 500;
/** What a payment loses when the payer's phone reached us mangled by a spreadsheet. */
export const PAYER_PHONE_UNKNOWN = "the payer's number is kept as unknown, so it cannot point to their invoice";
/** Clocks disagree a little: a payment up to five minutes "in the future" is accepted. */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Checks the cells of one row (or notification) and gathers its problems, one per field at
 * most, each naming the field as the file names it.
 */
export class RowCheck {
  readonly problems: ParseProblem[] = [];
  /** Worth knowing, but no reason to refuse the row. */
  readonly warnings: ParseProblem[] = [];
  constructor(readonly line: number) {}

  problem(field: string | undefined, message: string): void {
    if (field !== undefined && this.problems.some((p) => p.field === field)) return;
    this.problems.push(field === undefined ? { line: this.line, message } : { line: this.line, field, message });
  }

  warn(field: string, message: string): void {
    this.warnings.push({ line: this.line, field, message });
  }

  /**
   * The payer's phone as `2547…`, or null; a warning when a spreadsheet wrote it as 2.54712E+11
   * (never guessed back). Whether its range is a mobile network's does not matter here (and would
   * cost a fifth of parsing a statement: QUALITY.md, import ≥ 35% of raw insert throughput).
   */
  phone(field: string, raw: string): string | null {
    const phone = normaliseMsisdn(raw);
    if (!phone.ok && phone.reason === 'mangled') this.warn(field, spreadsheetPhoneWarning(raw, PAYER_PHONE_UNKNOWN));
    return phone.ok ? phone.msisdn : null;
  }

  /** Trimmed text; a problem when it is too long or would run as a spreadsheet formula. */
  text(field: string, raw: string | undefined): string {
    const value = raw ?? '';
    if (this.length(field, value) && looksLikeFormula(value)) this.problem(field, `${quote(value)} looks like a spreadsheet formula`);
    return value.trim();
  }

  /** False, with a problem, when the value is too long to be real. */
  length(field: string, raw: string | undefined): boolean {
    const n = (raw ?? '').length;
    if (n <= MAX_PAYMENT_FIELD_LENGTH) return true;
    this.problem(field, `is ${n} characters long; the most is ${MAX_PAYMENT_FIELD_LENGTH}`);
    return false;
  }

  /** As text(), and a problem when empty. */
  required(field: string, raw: string | undefined): string {
    const value = this.text(field, raw);
    if (value === '') this.problem(field, raw === undefined ? `the field ${field} is missing` : 'must not be empty');
    return value;
  }

  /** Cents more than zero (or zero too, with `zero`); null with a problem otherwise. `cents` when the caller has read it already. */
  amount(field: string, raw: string | undefined, options: { zero?: boolean; cents?: number | null } = {}): number | null {
    const text = this.required(field, raw);
    if (text === '') return null;
    const cents = options.cents === undefined ? parseAmountToCents(text) : options.cents;
    if (cents === null) this.problem(field, `${quote(text)} is not an amount: write it like 1500, 1500.00 or 1,500.00`);
    else if (cents < 0) this.problem(field, `${quote(text)} is negative`);
    else if (cents === 0 && !options.zero) this.problem(field, `${quote(text)} is zero: a settled payment has an amount`);
    else return cents;
    return null;
  }

  /** An optional amount: null when empty. */
  optionalAmount(field: string, raw: string | undefined): number | null {
    return (raw ?? '').trim() === '' ? null : this.amount(field, raw, { zero: true });
  }

  /** UTC ISO-8601; a problem when it is not a date and time, or later than `now` (plus five minutes). */
  time(field: string, raw: string | undefined, now: string): string | null {
    const text = this.required(field, raw);
    if (text === '') return null;
    const iso = parsePaymentTime(text);
    if (iso === null) {
      this.problem(field, `${quote(text)} is not a date and time: write it like 2025-05-30 14:22:10, 2025-05-30 14:22:10+03:00 or 30/05/2025 14:22`);
    } else if (iso > latestAllowed(now)) {
      this.problem(field, `${quote(text)} is in the future`);
    }
    return iso;
  }
}

let lastNow = '';
let lastLatest = '';
/**
 * `now` plus the clock skew as UTC ISO-8601, which compares as text with the times read (both
 * `YYYY-MM-DDTHH:mm:ss.sssZ`). Remembered: every row of a file asks with the same `now`.
 */
function latestAllowed(now: string): string {
  if (now !== lastNow) {
    lastLatest = new Date(Date.parse(now) + CLOCK_SKEW_MS).toISOString();
    lastNow = now;
  }
  return lastLatest;
}

/** A value as a message shows it: quoted, and shortened when long. */
export function quote(value: string): string {
  const v = value.replace(/\s+/g, ' ').trim();
  return `'${v.length > 40 ? `${v.slice(0, 37)}...` : v}'`;
}
