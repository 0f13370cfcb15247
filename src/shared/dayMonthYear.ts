/**
 * Calendar days as people in Kenya write them, dd/mm/yyyy, whatever the browser's locale; kept
 * as `YYYY-MM-DD` in filters and queries.
 */

export type DayParse = { ok: true; day: string } | { ok: false; problem: string };

const EXAMPLE = '05/12/2026';

/**
 * Reads `dd/mm/yyyy` (also `d/m/yyyy`, `.` or `-` between the parts, and `yyyy-mm-dd`): the day as
 * `YYYY-MM-DD`, `''` for an empty field, or what is wrong with it.
 */
export function parseDayMonthYear(raw: string): DayParse {
  const text = raw.trim();
  if (text === '') return { ok: true, day: '' };
  // A day pasted as stored (YYYY-MM-DD) is read too.
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (iso) return parseDayMonthYear(`${iso[3]}/${iso[2]}/${iso[1]}`);
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (!m) return { ok: false, problem: `Write the date as dd/mm/yyyy, e.g. ${EXAMPLE}.` };
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12) return { ok: false, problem: `There is no month ${mo}: write the date as dd/mm/yyyy, e.g. ${EXAMPLE}.` };
  const last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d < 1 || d > last) return { ok: false, problem: `${String(mo).padStart(2, '0')}/${y} has no day ${d}.` };
  return { ok: true, day: `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
}

/** `2026-12-05` shown as `05/12/2026`; anything else as it is. */
export function formatDayMonthYear(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : day;
}
