import { describe, expect, it } from 'vitest';
import { issueText } from '../../../../src/renderer/src/api/ApiError.js';

describe('a problem in an error alert reads as one line', () => {
  it('a sentence about a field stands alone: it names the field already', () => {
    expect(issueText({ where: 'fullName', message: 'Full name needs at least 2 characters' })).toBe('Full name needs at least 2 characters');
  });

  it('a problem in a file keeps where it is', () => {
    expect(issueText({ where: 'line 4, phone', message: 'Not a Kenyan phone number' })).toBe('line 4, phone: Not a Kenyan phone number');
  });

  it('a fragment keeps the field it is about', () => {
    expect(issueText({ where: 'credentials.opPublicKey', message: 'is not an Ed25519 public key' })).toBe(
      'credentials.opPublicKey: is not an Ed25519 public key',
    );
  });
});
