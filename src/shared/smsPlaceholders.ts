import type { SmsPlaceholder } from './smsTemplate.js';

/**
 * What each placeholder stands for, with the typical value templates are previewed with: the
 * editor's live length and the template list's length use the same values.
 */
export const PLACEHOLDER_INFO: Record<SmsPlaceholder, { meaning: string; sample: string }> = {
  name: { meaning: "applicant's name", sample: 'Wanjiru' },
  ref: { meaning: 'application reference', sample: 'APP-2026-000123' },
  year: { meaning: 'licence year', sample: '2026' },
  amount: { meaning: 'amount due, in KES', sample: 'KES 3,000.00' },
  billRef: { meaning: 'bill reference to pay with', sample: 'LB7KQ2MX9T' },
  reason: { meaning: "officer's reason (rejected, returned)", sample: 'Please attach your CPD certificates' },
  centre: { meaning: 'collection centre', sample: 'RBTC Nairobi' },
  town: { meaning: "centre's town", sample: 'Nairobi' },
  licenceNo: { meaning: 'licence number', sample: 'KMLTTB/2026/000123' },
};

export const SAMPLE_VALUES = Object.fromEntries(Object.entries(PLACEHOLDER_INFO).map(([k, v]) => [k, v.sample])) as Record<SmsPlaceholder, string>;
