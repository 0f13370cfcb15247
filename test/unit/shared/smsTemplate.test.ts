import { describe, expect, it } from 'vitest';
import { placeholdersIn, renderSms, SMS_PLACEHOLDERS, unknownPlaceholders } from '../../../src/shared/smsTemplate.js';

describe('rendering an SMS template', () => {
  it('fills every placeholder from the event values', () => {
    const body = 'Dear {name}, your {year} licence application {ref} is approved. Pay {amount} to account {billRef}.';
    expect(renderSms(body, { name: 'Achieng', year: '2026', ref: 'KMLTTB-APP-00042', amount: 'KES 1,500.00', billRef: 'LB23456789X' })).toBe(
      'Dear Achieng, your 2026 licence application KMLTTB-APP-00042 is approved. Pay KES 1,500.00 to account LB23456789X.',
    );
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
    expect(renderSms('Returned: {reason}', { reason: 'Attach your CPD certificate.' })).toBe('Returned: Attach your CPD certificate.');
  });

  it('a value that looks like a placeholder or a replacement pattern is inserted literally', () => {
    expect(renderSms('Reason: {reason}. {name}', { reason: '{name} $& $1', name: 'Wafula' })).toBe('Reason: {name} $& $1. Wafula');
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

describe('no wasted characters in a rendered SMS (issue 17)', () => {
  const returned = 'Dear {name}, your KMLTTB licence renewal {ref} needs more information: {reason}. Please update it on eCitizen.';
  const values = { name: 'Faith', ref: 'APP-2026-000123' };

  it('a reason that ends its own sentence is not followed by a second full stop', () => {
    const text = renderSms(returned, { ...values, reason: 'Please accept the declarations and resubmit.' });
    expect(text).toBe(
      'Dear Faith, your KMLTTB licence renewal APP-2026-000123 needs more information: Please accept the declarations and resubmit. Please update it on eCitizen.',
    );
    expect(text).not.toContain('..');
  });

  it('a reason without a full stop still gets the template’s, and one ending in ? or ! keeps its own mark alone', () => {
    expect(renderSms(returned, { ...values, reason: 'Attach your CPD certificates' })).toContain('information: Attach your CPD certificates. Please update');
    expect(renderSms(returned, { ...values, reason: 'Is your phone number right?' })).toContain('information: Is your phone number right? Please update');
    expect(renderSms(returned, { ...values, reason: 'Sign the declaration!' })).toContain('information: Sign the declaration! Please update');
  });

  it('spaces after the reason do not leave " ." behind, and the Kiswahili template reads the same', () => {
    expect(renderSms(returned, { ...values, reason: 'Please resubmit.  \n' })).toContain('information: Please resubmit. Please update');
    expect(
      renderSms('Mpendwa {name}, ombi lako {ref} linahitaji maelezo zaidi: {reason}. Lirekebishe kwenye eCitizen.', {
        ...values,
        reason: 'Tafadhali kubali matamko.',
      }),
    ).toBe('Mpendwa Faith, ombi lako APP-2026-000123 linahitaji maelezo zaidi: Tafadhali kubali matamko. Lirekebishe kwenye eCitizen.');
  });

  it('only the full stop right after the value is dropped: one further on stays', () => {
    expect(renderSms('Reason: {reason} See eCitizen.', { reason: 'Missing CPD.' })).toBe('Reason: Missing CPD. See eCitizen.');
    expect(renderSms('{ref}. Paid.', { ref: 'APP-1' })).toBe('APP-1. Paid.');
  });
});

describe('punctuation never doubles where a value meets the template (issue 14)', () => {
  it('a value ending its sentence takes the place of any mark the template puts after it', () => {
    expect(renderSms('Returned: {reason}! Update it.', { reason: 'Resubmit.' })).toBe('Returned: Resubmit. Update it.');
    expect(renderSms('Returned: {reason}, then update it.', { reason: 'Resubmit!' })).toBe('Returned: Resubmit! then update it.');
    expect(renderSms('Returned: {reason}; update it.', { reason: 'Resubmit?' })).toBe('Returned: Resubmit? update it.');
    expect(renderSms('Returned: {reason}. Update it.', { reason: 'Wait…' })).toBe('Returned: Wait… Update it.');
  });

  it('a value ending in a comma, semicolon or colon before the template’s own mark loses it', () => {
    expect(renderSms('Missing: {reason}. Update it.', { reason: 'CPD certificates,' })).toBe('Missing: CPD certificates. Update it.');
    expect(renderSms('Missing: {reason}. Update it.', { reason: 'the following:' })).toBe('Missing: the following. Update it.');
    expect(renderSms('Missing: {reason}, and more.', { reason: 'CPD;' })).toBe('Missing: CPD, and more.');
  });

  it('a doubled full stop typed in a value is sent once, an ellipsis is kept', () => {
    expect(renderSms('Returned: {reason}. Update it.', { reason: 'Attach the letter.. Then resubmit..' })).toBe(
      'Returned: Attach the letter. Then resubmit. Update it.',
    );
    expect(renderSms('Returned: {reason} Update it.', { reason: 'Wait... then resubmit.' })).toBe('Returned: Wait... then resubmit. Update it.');
  });

  it.each([
    ['en', 'Dear {name}, your KMLTTB licence renewal {ref} needs more information: {reason}. Please update it on eCitizen.'],
    ['sw', 'Mpendwa {name}, ombi lako la leseni ya KMLTTB {ref} linahitaji maelezo zaidi: {reason}. Lirekebishe kwenye eCitizen.'],
  ])('the %s return SMS never reads "resubmit.." whatever the reason ends with', (_language, body) => {
    for (const reason of ['Please resubmit', 'Please resubmit.', 'Please resubmit..', 'Please resubmit!', 'Please resubmit:', 'Please resubmit,']) {
      const text = renderSms(body, { name: 'Faith', ref: 'APP-1', reason });
      expect(text, reason).not.toMatch(/[.!?,;:][.!?,;:]/);
    }
  });
});
