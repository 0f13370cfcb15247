import { describe, expect, it } from 'vitest';
import { FLAG_KINDS } from '../../../src/shared/contract/applications.js';
import { reviewFlags, type ReviewFacts } from '../../../src/shared/reviewFlags.js';

/** An application nothing is wrong with. */
const clean: ReviewFacts = {
  cpdPoints: 20,
  cpdThreshold: 15,
  registerStatus: 'active',
  otherDecidedForYear: 0,
  declarationAccepted: true,
  disclosures: '',
  phone: '254712345678',
  centre: { name: 'Nakuru', active: true },
  centreText: 'NKR',
};

const kinds = (facts: Partial<ReviewFacts>) => reviewFlags({ ...clean, ...facts }).map((f) => f.kind);

describe('review aids for the officer', () => {
  it('an application with nothing wrong raises no flag', () => {
    expect(reviewFlags(clean)).toEqual([]);
  });

  it('CPD points below the threshold raise exactly the CPD flag, with both numbers', () => {
    expect(reviewFlags({ ...clean, cpdPoints: 14 })).toEqual([{ kind: 'cpd_below_threshold', message: "CPD points 14 are below the year's threshold of 15." }]);
  });

  it('CPD points exactly at the threshold raise no flag', () => {
    expect(kinds({ cpdPoints: 15 })).toEqual([]);
  });

  it('a threshold of zero never flags CPD points', () => {
    expect(kinds({ cpdPoints: 0, cpdThreshold: 0 })).toEqual([]);
  });

  it.each([
    ['suspended', 'The practitioner is suspended on the register.'],
    ['removed', 'The practitioner is removed on the register.'],
    ['unknown', 'The practitioner was not found on the register.'],
  ] as const)('a practitioner %s raises exactly the register flag', (registerStatus, message) => {
    expect(reviewFlags({ ...clean, registerStatus })).toEqual([{ kind: 'practitioner_not_active', message }]);
  });

  it('another approved or licensed application for the same practitioner and year raises exactly the duplicate flag', () => {
    expect(kinds({ otherDecidedForYear: 1 })).toEqual(['duplicate_for_year']);
    expect(kinds({ otherDecidedForYear: 3 })).toEqual(['duplicate_for_year']);
  });

  it('declarations not accepted raise exactly the declaration flag', () => {
    expect(reviewFlags({ ...clean, declarationAccepted: false })).toEqual([
      { kind: 'declaration_not_accepted', message: 'The declarations were not accepted.' },
    ]);
  });

  it('disclosures raise exactly the disclosures flag, quoting them', () => {
    expect(reviewFlags({ ...clean, disclosures: '  Convicted of a traffic offence in 2024.  ' })).toEqual([
      { kind: 'disclosures_made', message: 'Disclosures made: Convicted of a traffic offence in 2024.' },
    ]);
  });

  it('disclosures of only white space raise no flag', () => {
    expect(kinds({ disclosures: ' \n\t ' })).toEqual([]);
  });

  it('an invalid phone number raises exactly the phone flag', () => {
    expect(kinds({ phone: null })).toEqual(['phone_invalid']);
  });

  it('a number outside the mobile ranges raises exactly the not-mobile flag, naming the number', () => {
    expect(reviewFlags({ ...clean, phone: '254109294978' })).toEqual([
      {
        kind: 'phone_not_mobile',
        message:
          "The phone 0109 294 978 is not a Kenyan mobile number (its range is not a mobile network's): no SMS can reach it. Return the application for a correct number.",
      },
    ]);
    expect(kinds({ phone: '254110294978' })).toEqual([]);
  });

  it('an unknown centre raises exactly the centre flag, naming what was chosen', () => {
    expect(reviewFlags({ ...clean, centre: null, centreText: 'Lodwar' })).toEqual([
      { kind: 'centre_unknown', message: "The chosen collection centre 'Lodwar' is not known." },
    ]);
  });

  it('an inactive centre raises exactly the centre flag, naming the centre', () => {
    expect(reviewFlags({ ...clean, centre: { name: 'Voi', active: false } })).toEqual([
      { kind: 'centre_unknown', message: 'The chosen collection centre Voi is inactive.' },
    ]);
  });

  it('an application with everything wrong raises every kind of flag once, in a fixed order', () => {
    const all = kinds({
      cpdPoints: 3,
      registerStatus: 'unknown',
      otherDecidedForYear: 1,
      declarationAccepted: false,
      disclosures: 'Yes',
      phone: null,
      centre: null,
      centreText: '??',
    });
    expect(all).toEqual([
      'cpd_below_threshold',
      'practitioner_not_active',
      'duplicate_for_year',
      'declaration_not_accepted',
      'disclosures_made',
      'phone_invalid',
      'centre_unknown',
    ]);
    // A phone is either unreadable or outside the mobile ranges, never both.
    expect([...all, 'phone_not_mobile'].sort()).toEqual([...FLAG_KINDS].sort());
  });
});
