import { describe, expect, it } from 'vitest';
import { formatNairobi, formatNairobiSince, isoNairobi, nairobiDay, nairobiYear, parseNairobiDateTime } from '../../../src/shared/time.js';

describe('reading a date and time from a file', () => {
  it.each([
    ['ISO with Z', '2026-03-15T09:30:00Z', '2026-03-15T09:30:00.000Z'],
    ['ISO with +03:00', '2026-03-15T12:30:00+03:00', '2026-03-15T09:30:00.000Z'],
    ['ISO with +0300', '2026-03-15T12:30:00+0300', '2026-03-15T09:30:00.000Z'],
    ['ISO with a negative offset', '2026-03-15T04:30:00-05:00', '2026-03-15T09:30:00.000Z'],
    ['ISO without an offset, taken as Nairobi time', '2026-03-15T12:30:00', '2026-03-15T09:30:00.000Z'],
    ['ISO with a space and no seconds, Nairobi time', '2026-03-15 12:30', '2026-03-15T09:30:00.000Z'],
    ['an eCitizen payment date', '2025-05-30 02:16:03+03:00', '2025-05-29T23:16:03.000Z'],
    ['an ISO date alone, Nairobi midnight', '2026-03-15', '2026-03-14T21:00:00.000Z'],
    ['DD/MM/YYYY HH:mm, Nairobi time', '15/03/2026 12:30', '2026-03-15T09:30:00.000Z'],
    ['DD/MM/YYYY H:mm', '15/03/2026 9:05', '2026-03-15T06:05:00.000Z'],
    ['DD/MM/YYYY HH:mm:ss', '15/03/2026 12:30:45', '2026-03-15T09:30:45.000Z'],
    ['DD/MM/YYYY alone, Nairobi midnight', '01/01/2026', '2025-12-31T21:00:00.000Z'],
    ['29 February in a leap year', '29/02/2024 10:00', '2024-02-29T07:00:00.000Z'],
    ['surrounding spaces', '  15/03/2026 12:30 ', '2026-03-15T09:30:00.000Z'],
  ])('%s: %s is %s', (_why, raw, utc) => {
    expect(parseNairobiDateTime(raw)).toBe(utc);
  });

  it('day and month are read in Kenyan order, not American', () => {
    expect(parseNairobiDateTime('03/04/2026 10:00')).toBe('2026-04-03T07:00:00.000Z');
    expect(parseNairobiDateTime('13/04/2026 10:00')).toBe('2026-04-13T07:00:00.000Z');
    expect(parseNairobiDateTime('04/13/2026 10:00')).toBeNull();
  });

  it.each([
    ['31 February', '31/02/2026 10:00'],
    ['29 February outside a leap year', '29/02/2026 10:00'],
    ['31 April', '31/04/2026 08:00'],
    ['day zero', '00/03/2026 08:00'],
    ['month 13', '15/13/2026 08:00'],
    ['hour 24', '15/03/2026 24:00'],
    ['minute 60', '15/03/2026 10:60'],
    ['ISO 31 February without an offset', '2026-02-31T10:00:00'],
    ['ISO 31 February with Z', '2026-02-31T10:00:00Z'],
    ['ISO 30 February with +0300', '2026-02-30 10:00:00+0300'],
    ['ISO 31 April with +03:00', '2026-04-31T10:00:00+03:00'],
    ['ISO month 00 with Z', '2026-00-10T10:00:00Z'],
    ['ISO hour 24 with Z', '2026-03-15T24:00:00Z'],
    ['ISO minute 61 with an offset', '2026-03-15T10:61:00+03:00'],
    ['an offset beyond 14 hours', '2026-03-15T10:00:00+25:00'],
    ['an offset with minute 60', '2026-03-15T10:00:00+03:60'],
  ])('an impossible date or time is not a date (%s)', (_why, raw) => {
    expect(parseNairobiDateTime(raw)).toBeNull();
  });

  it.each([
    ['an empty string', ''],
    ['words', 'yesterday'],
    ['a date with slashes in ISO order', '2026/03/15 10:00'],
    ['a two-digit year', '15/03/26 10:00'],
    ['a spreadsheet serial number', '46096.4375'],
    ['an offset without minutes', '2026-03-15T10:00:00+03'],
    ['trailing text', '15/03/2026 10:00 pm'],
    ['a time alone', '10:00'],
  ])('garbage is not a date (%s)', (_why, raw) => {
    expect(parseNairobiDateTime(raw)).toBeNull();
  });
});

describe('showing and exporting a time', () => {
  it('a UTC time is shown on screen in Nairobi time', () => {
    expect(formatNairobi('2026-11-28T14:53:00Z')).toBe('28 Nov 2026, 17:53');
  });

  it('a late UTC evening is shown as the next morning in Nairobi, on a 24-hour clock', () => {
    expect(formatNairobi('2026-11-28T21:30:00.000Z')).toBe('29 Nov 2026, 00:30');
  });

  it('a missing or unreadable time is shown as nothing', () => {
    expect(formatNairobi(null)).toBe('');
    expect(formatNairobi(undefined)).toBe('');
    expect(formatNairobi('')).toBe('');
    expect(formatNairobi('not a time')).toBe('');
  });

  it('"since" is the Nairobi clock time alone on the same Nairobi day, and the date too on another day', () => {
    expect(formatNairobiSince('2026-11-28T10:05:00Z', '2026-11-28T14:00:00Z')).toBe('13:05');
    // 22:30 UTC on the 27th is already the 28th in Nairobi: the same day as a Nairobi afternoon.
    expect(formatNairobiSince('2026-11-27T22:30:00Z', new Date('2026-11-28T12:00:00Z'))).toBe('01:30');
    // 20:30 UTC on the 28th is still the 28th in Nairobi; 21:10 UTC is the 29th.
    expect(formatNairobiSince('2026-11-28T20:30:00Z', '2026-11-28T21:10:00Z')).toBe('28 Nov 2026, 23:30');
    expect(formatNairobiSince(null, '2026-11-28T14:00:00Z')).toBe('');
    expect(formatNairobiSince('garbage', '2026-11-28T14:00:00Z')).toBe('');
  });

  it("today and this year are Nairobi's, whatever the machine's time zone: the new day starts at 21:00 UTC", () => {
    expect(nairobiDay('2026-11-30T20:59:59.999Z')).toBe('2026-11-30');
    expect(nairobiDay(new Date('2026-11-30T21:00:00.000Z'))).toBe('2026-12-01');
    expect(nairobiYear('2031-12-31T20:59:59.999Z')).toBe(2031);
    expect(nairobiYear(new Date('2031-12-31T21:00:00.000Z'))).toBe(2032);
  });

  it('exports carry Nairobi time in ISO-8601 with the +03:00 offset', () => {
    expect(isoNairobi('2026-11-28T14:53:00.000Z')).toBe('2026-11-28T17:53:00+03:00');
    expect(isoNairobi('2026-03-15T09:30:45Z')).toBe('2026-03-15T12:30:45+03:00');
  });

  it('an export time crossing midnight and the new year carries the Nairobi date', () => {
    expect(isoNairobi('2026-12-31T22:30:00.789Z')).toBe('2027-01-01T01:30:00+03:00');
  });

  it('a missing or unreadable time is exported as nothing', () => {
    expect(isoNairobi(null)).toBe('');
    expect(isoNairobi(undefined)).toBe('');
    expect(isoNairobi('')).toBe('');
    expect(isoNairobi('garbage')).toBe('');
  });

  it('a time read from a file and exported again is the same Nairobi wall-clock time', () => {
    for (const raw of ['15/03/2026 12:30', '2026-03-15T12:30:00+03:00', '2026-03-15T09:30:00Z', '2026-03-15T12:30:00']) {
      expect(isoNairobi(parseNairobiDateTime(raw))).toBe('2026-03-15T12:30:00+03:00');
    }
  });
});
