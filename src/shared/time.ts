/** Times are UTC ISO-8601 in storage and Africa/Nairobi (UTC+3, no daylight saving) on screen. */
const NAIROBI_OFFSET_MINUTES = 180;

const displayFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Africa/Nairobi',
  day: '2-digit', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false,
});

/** `28 Nov 2026, 17:53` */
export function formatNairobi(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : displayFormat.format(d);
}

/** `2026-11-28T17:53:00+03:00` for exports. */
export function isoNairobi(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const local = new Date(d.getTime() + NAIROBI_OFFSET_MINUTES * 60_000).toISOString().slice(0, 19);
  return `${local}+03:00`;
}

/**
 * Reads ISO-8601 (with or without offset; without one it is Nairobi time) or `DD/MM/YYYY HH:mm`
 * (Nairobi time). Returns the UTC ISO string, or null when it is not such a date.
 */
export function parseNairobiDateTime(raw: string): string | null {
  const text = raw.trim();
  let m = /^(\d{2})\/(\d{2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (m) {
    const [, dd, mm, yyyy, hh = '0', mi = '0', ss = '0'] = m;
    return fromNairobiParts(+yyyy!, +mm!, +dd!, +hh, +mi, +ss);
  }
  m = /^(\d{4})-(\d{2})-(\d{2})(?:[T\s](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(text);
  if (!m) return null;
  const [, yyyy, mm, dd, hh = '0', mi = '0', ss = '0', zone] = m;
  if (!zone) return fromNairobiParts(+yyyy!, +mm!, +dd!, +hh, +mi, +ss);
  const d = new Date(`${yyyy}-${mm}-${dd}T${hh.padStart(2, '0')}:${mi}:${ss.padStart(2, '0')}${zone === 'Z' ? 'Z' : zone.length === 5 ? zone.slice(0, 3) + ':' + zone.slice(3) : zone}`);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

function fromNairobiParts(y: number, mo: number, d: number, h: number, mi: number, s: number): string | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const utc = Date.UTC(y, mo - 1, d, h, mi, s) - NAIROBI_OFFSET_MINUTES * 60_000;
  const check = new Date(utc + NAIROBI_OFFSET_MINUTES * 60_000);
  if (check.getUTCDate() !== d || check.getUTCMonth() !== mo - 1) return null;
  return new Date(utc).toISOString();
}
