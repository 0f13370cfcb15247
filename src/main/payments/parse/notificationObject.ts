import { normaliseHeader } from '../../../shared/headers.js';
import type { RowOutcome } from './collect.js';
import { ECITIZEN_COLUMNS, type EcitizenField, type RowValues } from './columns.js';
import { readNotification } from './ecitizen.js';

/** JSON keys are matched like CSV headers: `invoice_number`, `invoiceNumber` and `Invoice Number` are one key. */
const FIELD_OF_KEY = new Map<string, EcitizenField>(
  ECITIZEN_COLUMNS.flatMap((c) => [c.name, ...('aliases' in c ? c.aliases : [])].map((k) => [normaliseHeader(k), c.name] as const)),
);

/** True when the value is an object with at least one of the keys that make a notification. */
export function looksLikeNotification(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  return Object.keys(value).some((k) => {
    const field = FIELD_OF_KEY.get(normaliseHeader(k));
    return field === 'invoice_number' || field === 'amount_paid';
  });
}

/** One eCitizen/Pesaflow notification object (from a JSON line or the JSON endpoint). */
export function readNotificationObject(line: number, value: unknown, now: string): RowOutcome {
  if (!isPlainObject(value)) {
    return { kind: 'problems', problems: [{ line, message: 'is not a notification: a JSON object was expected' }] };
  }
  const values: RowValues<EcitizenField> = {};
  const problems: { line: number; field: string; message: string }[] = [];
  for (const [key, raw] of Object.entries(value)) {
    const field = FIELD_OF_KEY.get(normaliseHeader(key));
    if (field === undefined || values[field] !== undefined) continue;
    const text = field === 'payment_reference' ? paymentReference(raw) : scalarText(raw);
    if (text === null) problems.push({ line, field, message: 'must be text or a number' });
    else values[field] = text;
  }
  if (problems.length === 0) return readNotification(line, values, now);
  const rest = readNotification(line, values, now);
  const others = rest.kind === 'problems' ? rest.problems.filter((p) => !problems.some((q) => q.field === p.field)) : [];
  return { kind: 'problems', problems: [...problems, ...others] };
}

function scalarText(raw: unknown): string | null {
  if (raw === null || raw === undefined) return '';
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number') return Number.isFinite(raw) ? String(raw) : null;
  if (typeof raw === 'boolean') return String(raw);
  return null;
}

/**
 * Pesaflow sends `payment_reference` as a list of `{payment_reference, amount, ...}`, one per
 * payment towards the invoice. One reference is the other source's key; none or several is ''.
 */
function paymentReference(raw: unknown): string | null {
  const list = Array.isArray(raw) ? raw : [raw];
  const refs = new Set<string>();
  for (const item of list) {
    const inner = isPlainObject(item) ? Object.entries(item).find(([k]) => normaliseHeader(k) === 'paymentreference')?.[1] : item;
    const text = scalarText(inner);
    if (text === null) return null;
    if (text.trim() !== '') refs.add(text.trim());
  }
  return refs.size === 1 ? [...refs][0]! : '';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
