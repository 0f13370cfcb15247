import { describe, expect, it } from 'vitest';
import { displayPhone, isKenyanMobile, normalisePhone, notMobileReason, spreadsheetPhoneWarning } from '../../../src/shared/phone.js';

/** The edges of phone reading (docs/mutation-testing.md): every separator, the 9- and 10-digit forms, the messages. */
describe('phones at the edges', () => {
  it('drops brackets, dots, dashes and spaces of every kind', () => {
    expect(normalisePhone('(0712) 345.678')).toEqual({ ok: true, msisdn: '254712345678', mobile: true });
    expect(normalisePhone('0712\t345 678')).toEqual({ ok: true, msisdn: '254712345678', mobile: true });
  });

  it('a leading zero makes a local number only at ten digits; nine digits need 7 or 1 first', () => {
    expect(normalisePhone('0254712345678')).toEqual({ ok: false, reason: 'invalid' });
    expect(normalisePhone('012345678')).toEqual({ ok: false, reason: 'invalid' });
    expect(normalisePhone('712345678')).toEqual({ ok: true, msisdn: '254712345678', mobile: true });
    expect(normalisePhone('7123456789')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('letters inside are invalid, not mangled; only a number in scientific notation is mangled', () => {
    expect(normalisePhone('0712345678e')).toEqual({ ok: false, reason: 'invalid' });
    expect(normalisePhone('-2.54712E+11')).toEqual({ ok: false, reason: 'mangled' });
    expect(normalisePhone('254712E5')).toEqual({ ok: false, reason: 'mangled' });
    expect(normalisePhone('x2.54712E+11')).toEqual({ ok: false, reason: 'invalid' });
    expect(normalisePhone('2.54712E+11x')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('a normalised number outside the mobile ranges is kept, marked not mobile', () => {
    expect(normalisePhone('0109123456')).toEqual({ ok: true, msisdn: '254109123456', mobile: false });
    expect(isKenyanMobile('254109123456')).toBe(false);
  });

  it('words the reasons no SMS goes out', () => {
    expect(notMobileReason('254109123456')).toBe("0109 123 456 is not a Kenyan mobile number (its range is not a mobile network's): no SMS can reach it");
    expect(spreadsheetPhoneWarning(' 2.54712E+11 ', 'kept as unknown')).toBe('phone 2.54712E+11 lost digits in a spreadsheet: kept as unknown');
  });

  it('shows a number of the wrong length as it is', () => {
    expect(displayPhone('25471234567')).toBe('25471234567');
    expect(displayPhone('2547123456789')).toBe('2547123456789');
  });
});
