import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { zodToUserError } from '../../../src/main/core/errors.js';
import { peopleMessage } from '../../../src/shared/contract/messages.js';

function failure(schema: z.ZodType, input: unknown): z.ZodError {
  const r = schema.safeParse(input, { error: peopleMessage });
  if (r.success) throw new Error('expected the input to fail');
  return r.error;
}

describe('an input that fails its check becomes a user error people can read', () => {
  it('uses the sentence alone when it names the field, and keeps the path for the field it belongs to', () => {
    const err = zodToUserError(failure(z.object({ fullName: z.string().min(2) }), { fullName: 'A' }));
    expect(err.toBody()).toEqual({
      code: 'invalid_input',
      message: 'Full name needs at least 2 characters',
      field: 'fullName',
      issues: [{ where: 'fullName', message: 'Full name needs at least 2 characters' }],
    });
  });

  it('puts where it is before a fragment that does not name its field', () => {
    const err = zodToUserError(failure(z.object({ key: z.string().regex(/^k/, 'is not a key') }), { key: 'x' }));
    expect(err.message).toBe('key: is not a key');
  });

  it('counts several problems and states the first', () => {
    const err = zodToUserError(failure(z.object({ name: z.string().min(2), town: z.string().min(2) }), { name: '', town: '' }));
    expect(err.message).toBe('2 problems in the input, first: Name needs at least 2 characters');
    expect(err.toBody().issues).toHaveLength(2);
  });
});
