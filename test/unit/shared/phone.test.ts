import { describe, expect, it } from 'vitest';
import { displayPhone, gatewayNumber, isKenyanMobile, normalisePhone } from '../../../src/shared/phone.js';

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
    expect(normalisePhone(raw)).toEqual({ ok: true, msisdn, mobile: true });
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

/**
 * The 200 prefixes 0700–0799 and 0100–0199 against Kenya's numbering plan as libphonenumber-js
 * carries it: these 55 are not given to a mobile network. A library update that moves a range
 * shows up here.
 */
const NOT_MOBILE = [
  '0109',
  '0122',
  '0123',
  '0125',
  '0126',
  '0127',
  '0128',
  '0129',
  '0131',
  '0132',
  '0133',
  '0134',
  ...Array.from({ length: 33 }, (_, i) => `01${47 + i}`),
  ...Array.from({ length: 10 }, (_, i) => `01${90 + i}`),
];

describe("Kenya's mobile ranges", () => {
  const prefixes = ['07', '01'].flatMap((lead) => Array.from({ length: 100 }, (_, i) => `${lead}${String(i).padStart(2, '0')}`));

  it.each(prefixes)('%s: mobile exactly when the numbering plan says so, at either end of the range', (prefix) => {
    const mobile = !NOT_MOBILE.includes(prefix);
    for (const rest of ['000000', '999999']) {
      const msisdn = `254${prefix.slice(1)}${rest}`;
      expect(isKenyanMobile(msisdn)).toBe(mobile);
      expect(normalisePhone(`${prefix}${rest}`)).toEqual({ ok: true, msisdn, mobile });
    }
  });

  it('counts 145 mobile prefixes and 55 others', () => {
    expect(NOT_MOBILE).toHaveLength(55);
    expect(prefixes.filter((p) => isKenyanMobile(`254${p.slice(1)}123456`))).toHaveLength(145);
  });

  it('a number of the wrong shape is never a mobile', () => {
    expect(isKenyanMobile('25471234567')).toBe(false);
    expect(isKenyanMobile('255712345678')).toBe(false);
  });
});
