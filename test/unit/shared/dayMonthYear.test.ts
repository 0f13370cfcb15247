import { describe, expect, it } from 'vitest';
import { formatDayMonthYear, parseDayMonthYear } from '../../../src/shared/dayMonthYear.js';

describe('dates written dd/mm/yyyy', () => {
  it('reads the day first and the month second', () => {
    expect(parseDayMonthYear('05/12/2026')).toEqual({ ok: true, day: '2026-12-05' });
    expect(parseDayMonthYear('12/05/2026')).toEqual({ ok: true, day: '2026-05-12' });
  });

  it('accepts one-digit days and months, dots or dashes, and spaces around', () => {
    expect(parseDayMonthYear(' 5/2/2027 ')).toEqual({ ok: true, day: '2027-02-05' });
    expect(parseDayMonthYear('05.02.2027')).toEqual({ ok: true, day: '2027-02-05' });
    expect(parseDayMonthYear('05-02-2027')).toEqual({ ok: true, day: '2027-02-05' });
  });

  it('a day pasted as stored (yyyy-mm-dd) is read as that day, and checked the same way', () => {
    expect(parseDayMonthYear('2026-12-05')).toEqual({ ok: true, day: '2026-12-05' });
    expect(parseDayMonthYear('2027-02-29')).toEqual({ ok: false, problem: '02/2027 has no day 29.' });
  });

  it('an empty field is no date, not a problem', () => {
    expect(parseDayMonthYear('  ')).toEqual({ ok: true, day: '' });
  });

  it('the last day of each month is allowed, the day after is named as the problem', () => {
    expect(parseDayMonthYear('29/02/2028')).toEqual({ ok: true, day: '2028-02-29' });
    expect(parseDayMonthYear('29/02/2027')).toEqual({ ok: false, problem: '02/2027 has no day 29.' });
    expect(parseDayMonthYear('31/04/2027')).toEqual({ ok: false, problem: '04/2027 has no day 31.' });
    expect(parseDayMonthYear('00/04/2027')).toEqual({ ok: false, problem: '04/2027 has no day 0.' });
  });

  it('a month over 12 (a date written month first) is refused with the format to use', () => {
    expect(parseDayMonthYear('12/25/2026')).toEqual({ ok: false, problem: 'There is no month 25: write the date as dd/mm/yyyy, e.g. 05/12/2026.' });
  });

  it('other shapes are refused with the format to use', () => {
    for (const text of ['2026-1-5', '5/12/26', 'yesterday', '05/12/2026 10:00']) {
      expect(parseDayMonthYear(text), text).toEqual({ ok: false, problem: 'Write the date as dd/mm/yyyy, e.g. 05/12/2026.' });
    }
  });

  it('shows a stored day as dd/mm/yyyy', () => {
    expect(formatDayMonthYear('2026-12-05')).toBe('05/12/2026');
    expect(formatDayMonthYear('')).toBe('');
  });
});
