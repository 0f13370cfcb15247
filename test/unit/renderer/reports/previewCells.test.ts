import { describe, expect, it } from 'vitest';
import { previewCell } from '../../../../src/renderer/src/reports/previewCells.js';
import { columnTitle } from '../../../../src/shared/reportColumnTitles.js';

const column = (key: string, kind = 'text') => ({ key, kind });

describe('the Reports preview shows values as the screens do', () => {
  it('titles columns in words, not keys', () => {
    expect(columnTitle('application_ref')).toBe('Application');
    expect(columnTitle('bill_ref')).toBe('Bill reference');
    expect(columnTitle('national_id')).toBe('National ID');
    expect(columnTitle('status')).toBe('State');
    expect(columnTitle('some_new_column')).toBe('Some new column');
  });

  it('money in KES with two decimals, from cents', () => {
    expect(previewCell('applications', column('amount_due', 'money'), 300000)).toBe('KES 3,000.00');
    expect(previewCell('invoices', column('balance', 'money'), -50)).toBe('KES -0.50');
  });

  it('times in Nairobi, as the grids show them', () => {
    expect(previewCell('applications', column('submitted_at', 'datetime'), '2026-11-28T14:53:00.000Z')).toBe('28 Nov 2026, 17:53');
  });

  it('phones as local numbers, and a phone never normalised as it was given', () => {
    expect(previewCell('applications', column('phone'), '254712345678')).toBe('0712 345 678');
    expect(previewCell('sms', column('phone'), '2.54712E+11')).toBe('2.54712E+11');
  });

  it('states by the label of their report', () => {
    expect(previewCell('applications', column('status'), 'submitted')).toBe('Submitted');
    expect(previewCell('licences', column('status'), 'at_centre')).toBe('At the centre');
    expect(previewCell('invoices', column('status'), 'partially_paid')).toMatch(/^Partially paid$/i);
    expect(previewCell('reconciliation', column('match_status'), 'unmatched')).toMatch(/^Unmatched$/i);
    expect(previewCell('applications', column('cadre'), 'technologist')).toBe('Technologist');
  });

  it('empty values stay empty, and text is shown as it is', () => {
    expect(previewCell('applications', column('decided_at', 'datetime'), null)).toBe('');
    expect(previewCell('applications', column('reason'), '=cmd|x')).toBe('=cmd|x');
    expect(previewCell('turnaround', column('decided', 'int'), 1234)).toBe('1,234');
  });
});
