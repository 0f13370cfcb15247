import { describe, expect, it } from 'vitest';
import { parsePaymentTime } from '../../../src/main/payments/parse/paidAt.js';

describe('reading when a payment was made', () => {
  it('reads ISO-8601 with an offset, with Z, and without one as Nairobi time', () => {
    expect(parsePaymentTime('2025-05-30 02:16:03+03:00')).toBe('2025-05-29T23:16:03.000Z');
    expect(parsePaymentTime('2025-05-30T02:16:03Z')).toBe('2025-05-30T02:16:03.000Z');
    expect(parsePaymentTime('2025-05-30 14:22:10')).toBe('2025-05-30T11:22:10.000Z');
  });

  it('reads statement and spreadsheet dates day first, in Nairobi time', () => {
    expect(parsePaymentTime('30-05-2025 14:22:10')).toBe('2025-05-30T11:22:10.000Z');
    expect(parsePaymentTime('30/05/2025 14:22')).toBe('2025-05-30T11:22:00.000Z');
    expect(parsePaymentTime('3/5/2025 9:05')).toBe('2025-05-03T06:05:00.000Z');
    expect(parsePaymentTime('30/05/2025')).toBe('2025-05-29T21:00:00.000Z');
  });

  it('reads a 12-hour clock', () => {
    expect(parsePaymentTime('30/05/2025 02:22:10 PM')).toBe('2025-05-30T11:22:10.000Z');
    expect(parsePaymentTime('30-05-2025 12:05 am')).toBe('2025-05-29T21:05:00.000Z');
    expect(parsePaymentTime('30-05-2025 13:05 PM')).toBeNull();
  });

  it('refuses impossible dates and text that is not a date', () => {
    for (const text of ['31-02-2025 10:00:00', '30/13/2025 10:00', '30-05-2025 24:00:00', 'yesterday', '', '2025-05-30 10:00+25:00']) {
      expect(parsePaymentTime(text)).toBeNull();
    }
  });
});
