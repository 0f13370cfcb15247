import { describe, expect, it } from 'vitest';
import { formatKes, parseAmountToCents } from '../../../src/shared/money.js';

/** The edges of money (docs/mutation-testing.md). */
describe('money at the edges', () => {
  it('a currency only counts in front of the amount', () => {
    expect(parseAmountToCents('1500KES')).toBeNull();
    expect(parseAmountToCents('15KES00')).toBeNull();
  });

  it('shows a fraction of a cent rounded to the nearest cent', () => {
    expect(formatKes(150049.6)).toBe('KES 1,500.50');
    expect(formatKes(150049.4)).toBe('KES 1,500.49');
  });
});
