import { describe, expect, it } from 'vitest';
import { placeholdersIn, renderSms, SMS_PLACEHOLDERS, unknownPlaceholders } from '../../../src/shared/smsTemplate.js';

describe('rendering an SMS template', () => {
  it('fills every placeholder from the event values', () => {
    const body = 'Dear {name}, your {year} licence application {ref} is approved. Pay {amount} to account {billRef}.';
    expect(
      renderSms(body, { name: 'Achieng', year: '2026', ref: 'KMLTTB-APP-00042', amount: 'KES 1,500.00', billRef: 'LB23456789X' }),
    ).toBe('Dear Achieng, your 2026 licence application KMLTTB-APP-00042 is approved. Pay KES 1,500.00 to account LB23456789X.');
  });

  it('fills the same placeholder every time it appears', () => {
    expect(renderSms('{name}, {name}!', { name: 'Kamau' })).toBe('Kamau, Kamau!');
  });

  it('fills the licence-at-centre template in Kiswahili', () => {
    expect(
      renderSms('Habari {name}, leseni yako {licenceNo} iko tayari katika kituo cha {centre}, {town}.', {
        name: 'Njeri',
        licenceNo: 'KMLTTB/2026/000123',
        centre: 'RBTC Nakuru',
        town: 'Nakuru',
      }),
    ).toBe('Habari Njeri, leseni yako KMLTTB/2026/000123 iko tayari katika kituo cha RBTC Nakuru, Nakuru.');
  });

  it('a reason is inserted as it was written', () => {
    expect(renderSms('Returned: {reason}', { reason: 'Attach your CPD certificate.' })).toBe(
      'Returned: Attach your CPD certificate.',
    );
  });

  it('a value that looks like a placeholder or a replacement pattern is inserted literally', () => {
    expect(renderSms('Reason: {reason}. {name}', { reason: '{name} $& $1', name: 'Wafula' })).toBe(
      'Reason: {name} $& $1. Wafula',
    );
  });

  it('a placeholder without a value is left visible rather than silently dropped', () => {
    expect(renderSms('Pay {amount} to {billRef}', { amount: 'KES 1,500.00' })).toBe('Pay KES 1,500.00 to {billRef}');
  });

  it('runs of white space and new lines become single spaces, and the ends are trimmed', () => {
    expect(renderSms('  Dear {name},\n\nyour  licence   is ready. ', { name: 'Chebet' })).toBe('Dear Chebet, your licence is ready.');
  });
});

describe('placeholders in a template', () => {
  it('lists the placeholders in the order they appear', () => {
    expect(placeholdersIn('{name} {billRef} {amount} {name}')).toEqual(['name', 'billRef', 'amount', 'name']);
  });

  it('knows exactly the placeholders the SMS events provide', () => {
    expect([...SMS_PLACEHOLDERS]).toEqual(['name', 'ref', 'year', 'amount', 'billRef', 'reason', 'centre', 'town', 'licenceNo']);
  });

  it('a template using only known placeholders has no unknown ones', () => {
    expect(unknownPlaceholders(SMS_PLACEHOLDERS.map((p) => `{${p}}`).join(' '))).toEqual([]);
    expect(unknownPlaceholders('No placeholders at all.')).toEqual([]);
  });

  it('names each unknown placeholder', () => {
    expect(unknownPlaceholders('Dear {name}, pay {amount} by {deadline} to {paybill}.')).toEqual(['deadline', 'paybill']);
  });

  it('placeholder names are case-sensitive: a differently-cased name is unknown', () => {
    expect(unknownPlaceholders('{Name} {billref} {name}')).toEqual(['Name', 'billref']);
  });

  it('a placeholder written in snake case or with digits is named as unknown', () => {
    expect(unknownPlaceholders('Licence {licence_no} for {bill_ref} in {year2}')).toEqual(['licence_no', 'bill_ref', 'year2']);
  });
});
