import { describe, expect, it } from 'vitest';
import { centreCreateInput, feeSetInput, userCreateInput } from '../../../src/shared/contract/admin.js';
import { fieldLabel, peopleMessage } from '../../../src/shared/contract/messages.js';
import { firstRunInput } from '../../../src/shared/contract/session.js';

function messages(
  schema: { safeParse(v: unknown, p: { error: typeof peopleMessage }): { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } },
  input: unknown,
) {
  const r = schema.safeParse(input, { error: peopleMessage });
  return Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join('.') || 'input', i.message]));
}

describe('people read what is wrong with their input, field by field', () => {
  it('a full name that is too short says so in words, naming the field as the screen labels it', () => {
    const m = messages(userCreateInput, { username: 'new.officer', fullName: 'A', role: 'officer', password: 'long enough password' });
    expect(m).toEqual({ fullName: 'Full name needs at least 2 characters' });
  });

  it('a missing field is required, an unknown role lists the roles there are', () => {
    const m = messages(userCreateInput, { fullName: 'Achieng Otieno', role: 'boss', password: 'long enough password' });
    expect(m.username).toBe('Username is required');
    expect(m.role).toBe("Role must be one of admin, officer, clerk or auditor, not 'boss'");
  });

  it('a schema that words its own message keeps it', () => {
    expect(messages(firstRunInput, { username: 'admin', fullName: 'Board Admin', password: 'short' })).toEqual({
      password: 'A password needs at least 10 characters',
    });
  });

  it('numbers and long text are bounded in plain words', () => {
    expect(messages(feeSetInput, { cadre: 'technologist', licenceYear: 2027, amountCents: -1 })).toEqual({ amountCents: 'Amount must be at least 0' });
    expect(messages(centreCreateInput, { code: 'MCK', name: 'x'.repeat(121), town: 'Machakos' })).toEqual({ name: 'Name can have at most 120 characters' });
    expect(messages(feeSetInput, { cadre: 'technologist', licenceYear: 2027.5, amountCents: 1 })).toEqual({
      licenceYear: 'Licence year must be a whole number',
    });
  });

  it('names a field from its path: known labels, spelled-out camelCase, the input itself', () => {
    expect(fieldLabel(['collectorIdNo'])).toBe('Collector ID number');
    expect(fieldLabel(['rows', 3, 'phoneNumber'])).toBe('Phone number');
    expect(fieldLabel(['invoiceId'])).toBe('Invoice');
    expect(fieldLabel([])).toBe('The input');
  });
});
