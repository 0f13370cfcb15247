/** Times are UTC ISO-8601 in storage and Africa/Nairobi (UTC+3, no daylight saving) on screen. */
const NAIROBI_OFFSET_MINUTES = 180;

const displayFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Africa/Nairobi',
  day: '2-digit',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** `28 Nov 2026, 17:53` */
export function formatNairobi(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : displayFormat.format(d);
}

const clockFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'Africa/Nairobi', hour: '2-digit', minute: '2-digit', hour12: false });

/** The Nairobi calendar day of an instant, `YYYY-MM-DD`: the Board's today, whatever the machine's time zone. */
export function nairobiDay(at: Date | string): string {
  return new Date(new Date(at).getTime() + NAIROBI_OFFSET_MINUTES * 60_000).toISOString().slice(0, 10);
}

/** The Nairobi calendar year of an instant: 2027 from 21:00 UTC on 31 December 2026. */
export function nairobiYear(at: Date | string): number {
  return Number(nairobiDay(at).slice(0, 4));
}

/**
 * `17:53` when the time falls on the same Nairobi day as `now`, else `28 Nov 2026, 17:53`: for
 * a status line such as "unreachable since 13:05".
 */
export function formatNairobiSince(iso: string | null | undefined, now: string | Date): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return nairobiDay(d) === nairobiDay(new Date(now)) ? clockFormat.format(d) : displayFormat.format(d);
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
    return fromParts(+yyyy!, +mm!, +dd!, +hh, +mi, +ss, NAIROBI_OFFSET_MINUTES);
  }
  m = /^(\d{4})-(\d{2})-(\d{2})(?:[T\s](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(text);
  if (!m) return null;
  const [, yyyy, mm, dd, hh = '0', mi = '0', ss = '0', zone] = m;
  return fromParts(+yyyy!, +mm!, +dd!, +hh, +mi, +ss, zone ? offsetMinutes(zone) : NAIROBI_OFFSET_MINUTES);
}

/** `Z`, `+03:00` or `+0300` in minutes east of UTC; null when it is not a real offset. */
function offsetMinutes(zone: string): number | null {
  if (zone === 'Z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (!m || +m[2]! > 14 || +m[3]! > 59) return null;
  return (m[1] === '-' ? -1 : 1) * (+m[2]! * 60 + +m[3]!);
}

/**
 * A Nairobi wall-clock time from its parts (month 1–12), as UTC ISO; null when there is no such
 * date or time. For readers that have taken the parts apart already (a payments statement's
 * hundred thousand times: QUALITY.md, import ≥ 35% of raw insert throughput).
 */
export function nairobiPartsToUtc(y: number, mo: number, d: number, h: number, mi: number, s: number): string | null {
  return fromParts(y, mo, d, h, mi, s, NAIROBI_OFFSET_MINUTES);
}

/**
 * A wall-clock time at a UTC offset, as UTC ISO; null for impossible dates (31/02) and times
 * (24:00), which `new Date()` would silently roll over into the next month or day. Worked out
 * without Date objects for years 1000–9999 (a statement has a hundred thousand times); other
 * years go through Date, whose Date.UTC reads 0–99 as 1900–1999.
 */
function fromParts(y: number, mo: number, d: number, h: number, mi: number, s: number, offset: number | null): string | null {
  if (offset === null) return null;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  if (!(
    y >= 1001 &&
    y <= 9998 &&
    Number.isInteger(y) &&
    Number.isInteger(mo) &&
    Number.isInteger(d) &&
    Number.isInteger(h) &&
    Number.isInteger(mi) &&
    Number.isInteger(s) &&
    h >= 0 &&
    mi >= 0 &&
    s >= 0
  )) {
    const wall = Date.UTC(y, mo - 1, d, h, mi, s);
    const check = new Date(wall);
    if (check.getUTCDate() !== d || check.getUTCMonth() !== mo - 1) return null;
    return new Date(wall - offset * 60_000).toISOString();
  }
  if (d > daysInMonth(y, mo)) return null;
  // An offset moves the time at most a day either way (offsets are under 24 hours).
  let minutes = h * 60 + mi - offset;
  let year = y;
  let month = mo;
  let day = d;
  if (minutes < 0) {
    minutes += 1440;
    if (--day < 1) {
      if (--month < 1) {
        month = 12;
        year--;
      }
      day = daysInMonth(year, month);
    }
  } else if (minutes >= 1440) {
    minutes -= 1440;
    if (++day > daysInMonth(year, month)) {
      day = 1;
      if (++month > 12) {
        month = 1;
        year++;
      }
    }
  }
  return `${year}-${two(month)}-${two(day)}T${two(Math.floor(minutes / 60))}:${two(minutes % 60)}:${two(s)}.000Z`;
}

function daysInMonth(y: number, mo: number): number {
  if (mo !== 2) return mo === 4 || mo === 6 || mo === 9 || mo === 11 ? 30 : 31;
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
}

function two(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

/** The UTC instant a Nairobi day (`YYYY-MM-DD`) starts, `plusDays` later. */
export function nairobiDayStart(day: string, plusDays = 0): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + plusDays) - NAIROBI_OFFSET_MINUTES * 60_000).toISOString();
}
