import { describe, expect, it } from 'vitest';
import { displayPhone, gatewayNumber, normalisePhone } from '../../../src/shared/phone.js';

describe('normalising a Kenyan mobile number', () => {
  it.each([
    ['a Safaricom number written locally with 07', '0712345678', '254712345678'],
    ['a newer number written locally with 01', '0110345678', '254110345678'],
    ['a number already in 2547 form', '254722000111', '254722000111'],
    ['a number in 2541 form', '254115000222', '254115000222'],
    ['a number with a leading plus', '+254733444555', '254733444555'],
    ['a 2541 number with a leading plus', '+254101234567', '254101234567'],
    ['a number whose leading zero a spreadsheet dropped (7…)', '712345678', '254712345678'],
    ['a number whose leading zero a spreadsheet dropped (1…)', '112345678', '254112345678'],
    ['a local number with spaces', '0712 345 678', '254712345678'],
    ['a local number with dashes', '0712-345-678', '254712345678'],
    ['an international number with spaces', '+254 712 345 678', '254712345678'],
    ['an international number with dashes', '+254-712-345-678', '254712345678'],
    ['a number surrounded by whitespace', '  0712345678\t', '254712345678'],
  ])('%s is normalised: %s', (_why, raw, msisdn) => {
    expect(normalisePhone(raw)).toEqual({ ok: true, msisdn });
  });

  it.each([
    ['the usual spreadsheet form', '2.54712E+11'],
    ['lower-case exponent', '2.54712e+11'],
    ['exponent without a sign', '2.54712E11'],
    ['a short mantissa', '7.12E+08'],
    ['padded with spaces', ' 2.54722E+11 '],
  ])('a number in spreadsheet notation has lost digits and is never guessed (%s)', (_why, raw) => {
    expect(normalisePhone(raw)).toEqual({ ok: false, reason: 'mangled' });
  });

  it.each([
    ['a UK number', '+447911123456'],
    ['a Tanzanian mobile', '+255712345678'],
    ['a Ugandan mobile', '256712345678'],
    ['a Nairobi landline', '0202345678'],
    ['a Kenyan number starting with 2 after the prefix', '254212345678'],
    ['a local number one digit short', '071234567'],
    ['a local number one digit long', '07123456789'],
    ['an international number one digit short', '25471234567'],
    ['an international number one digit long', '2547123456789'],
    ['a bare number one digit short', '71234567'],
    ['a bare 9-digit number not starting 7 or 1', '812345678'],
    ['letters', '07I2345678'],
    ['words', 'not given'],
    ['two plus signs', '++254712345678'],
  ])('%s is invalid', (_why, raw) => {
    expect(normalisePhone(raw)).toEqual({ ok: false, reason: 'invalid' });
  });

  it.each([
    ['an empty string', ''],
    ['only spaces', '   '],
    ['null', null],
    ['undefined', undefined],
  ])('%s is reported as empty, not invalid', (_why, raw) => {
    expect(normalisePhone(raw)).toEqual({ ok: false, reason: 'empty' });
  });
});

describe('showing and sending a phone number', () => {
  it('a normalised 07 number is shown to people in the local grouped form', () => {
    expect(displayPhone('254712345678')).toBe('0712 345 678');
  });

  it('a normalised 01 number is shown to people in the local grouped form', () => {
    expect(displayPhone('254110345678')).toBe('0110 345 678');
  });

  it('something that is not a normalised number is shown as it is', () => {
    expect(displayPhone('2.54712E+11')).toBe('2.54712E+11');
    expect(displayPhone('0712345678')).toBe('0712345678');
  });

  it('a missing number is shown as nothing', () => {
    expect(displayPhone(null)).toBe('');
    expect(displayPhone(undefined)).toBe('');
    expect(displayPhone('')).toBe('');
  });

  it('the gateway gets the normalised number with a leading plus', () => {
    expect(gatewayNumber('254712345678')).toBe('+254712345678');
    expect(gatewayNumber('254110345678')).toBe('+254110345678');
  });

  it('any accepted input form reaches the gateway as +254 and nine digits', () => {
    for (const raw of ['0712345678', '254712345678', '+254712345678', '712345678', '0712 345-678']) {
      const result = normalisePhone(raw);
      expect(result.ok).toBe(true);
      if (result.ok) expect(gatewayNumber(result.msisdn)).toBe('+254712345678');
    }
  });
});
