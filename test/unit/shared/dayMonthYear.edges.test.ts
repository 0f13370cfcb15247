import { describe, expect, it } from 'vitest';
import { formatDayMonthYear, parseDayMonthYear } from '../../../src/shared/dayMonthYear.js';

/** The edges of dd/mm/yyyy (docs/mutation-testing.md): the first and last month and day, and a month of 0 or 13. */
describe('dates at the edges of the calendar', () => {
  it('January and December, their first and last days, are days', () => {
    expect(parseDayMonthYear('01/01/2027')).toEqual({ ok: true, day: '2027-01-01' });
    expect(parseDayMonthYear('31/01/2027')).toEqual({ ok: true, day: '2027-01-31' });
    expect(parseDayMonthYear('31/12/2026')).toEqual({ ok: true, day: '2026-12-31' });
  });

  it('month 0 and month 13 are refused, naming the month', () => {
    expect(parseDayMonthYear('05/00/2026')).toEqual({ ok: false, problem: 'There is no month 0: write the date as dd/mm/yyyy, e.g. 05/12/2026.' });
    expect(parseDayMonthYear('05/13/2026')).toEqual({ ok: false, problem: 'There is no month 13: write the date as dd/mm/yyyy, e.g. 05/12/2026.' });
  });

  it('day 32 is refused in a month of 31', () => {
    expect(parseDayMonthYear('32/12/2026')).toEqual({ ok: false, problem: '12/2026 has no day 32.' });
  });

  it('a stored day with a month out of range is refused as the typed one would be', () => {
    expect(parseDayMonthYear('2026-13-05')).toEqual({ ok: false, problem: 'There is no month 13: write the date as dd/mm/yyyy, e.g. 05/12/2026.' });
  });

  it('refuses a date with anything before or after it, in either form', () => {
    const problem = { ok: false, problem: 'Write the date as dd/mm/yyyy, e.g. 05/12/2026.' };
    expect(parseDayMonthYear('2026-12-05 10:00')).toEqual(problem);
    expect(parseDayMonthYear('x2026-12-05')).toEqual(problem);
    expect(parseDayMonthYear('on 05/12/2026')).toEqual(problem);
  });

  it('shows anything that is not a stored day as it is', () => {
    expect(formatDayMonthYear('2026-12-05 10:00')).toBe('2026-12-05 10:00');
    expect(formatDayMonthYear('05/12/2026')).toBe('05/12/2026');
    expect(formatDayMonthYear('2026-12-5')).toBe('2026-12-5');
    expect(formatDayMonthYear(' 2026-12-05')).toBe(' 2026-12-05');
  });
});
