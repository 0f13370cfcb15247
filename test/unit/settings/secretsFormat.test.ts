import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { entryOf, looksOsSealed, SecretsFileProblem, upgradeSecrets, withEntry } from '../../../src/main/settings/secretsFormat.js';

/** What safeStorage's ciphertext looks like once base64-encoded: OSCrypt's version header, then bytes. */
const sealedLike = (header: string) => Buffer.concat([Buffer.from(header, 'latin1'), randomBytes(40)]).toString('base64');
const DPAPI_HEADER = Buffer.from([0x01, 0x00, 0x00, 0x00, 0xd0, 0x8c, 0x9d, 0xdf, 0x01, 0x15, 0xd1, 0x11]);
const signingKey = generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
const syncToken = randomBytes(32).toString('base64url');

describe('telling a sealed value from a clear one', () => {
  it('sees the header safeStorage puts on its ciphertext on every system', () => {
    expect(looksOsSealed(sealedLike('v10'))).toBe(true);
    expect(looksOsSealed(sealedLike('v11'))).toBe(true);
    expect(looksOsSealed(Buffer.concat([DPAPI_HEADER, randomBytes(60)]).toString('base64'))).toBe(true);
  });

  it('takes the secrets the app writes in clear for what they are', () => {
    for (const clear of [signingKey, syncToken, 'atsk_0f3c9e1b2d4a5f6e7d8c9b0a1f2e3d4c5b6a7f8e', 'demo-no-key', 'dGhpcyBpcyBub3Qgc2VhbGVk', '']) {
      expect(looksOsSealed(clear), clear).toBe(false);
    }
  });
});

describe('reading secrets.json in any layout', () => {
  it('takes over the layout plain Node wrote (clear strings at dotted paths) as file-protected entries', () => {
    const legacy = {
      sms: { apiKey: 'atsk_clear' },
      sync: { token: syncToken },
      licence: { signingKey },
      server: { ecitizenSecret: 'shared', deliveryReportToken: 'tok_12345678' },
    };
    const { document, changed } = upgradeSecrets(legacy);
    expect(changed).toBe(true);
    expect(document).toEqual({
      format: 2,
      secrets: {
        'sms.apiKey': { protection: 'file', value: 'atsk_clear' },
        'sync.token': { protection: 'file', value: syncToken },
        'licence.signingKey': { protection: 'file', value: signingKey },
        'server.ecitizenSecret': { protection: 'file', value: 'shared' },
        'server.deliveryReportToken': { protection: 'file', value: 'tok_12345678' },
      },
    });
    expect(legacy.sms.apiKey).toBe('atsk_clear'); // what was read is not changed
  });

  it('takes over the layout the desktop app wrote (safeStorage ciphertext, base64) as os-sealed entries', () => {
    const sealedKey = sealedLike('v11');
    const sealedToken = sealedLike('v10');
    const { document } = upgradeSecrets({ licence: { signingKey: sealedKey }, sync: { token: sealedToken } });
    expect(entryOf(document, 'licence.signingKey')).toEqual({ protection: 'os', value: sealedKey });
    expect(entryOf(document, 'sync.token')).toEqual({ protection: 'os', value: sealedToken });
    expect(entryOf(document, 'sms.apiKey')).toBeNull();
    expect(Object.keys(document)).toEqual(['format', 'secrets']);
  });

  it('tells each entry of a file both sides wrote apart, and keeps what it does not know', () => {
    const sealed = sealedLike('v10');
    const { document } = upgradeSecrets({ sms: { apiKey: sealed, other: 1 }, licence: { signingKey }, 'sync.token': syncToken, theme: 'dark' });
    expect(document.secrets).toEqual({
      'sms.apiKey': { protection: 'os', value: sealed },
      'licence.signingKey': { protection: 'file', value: signingKey },
      'sync.token': { protection: 'file', value: syncToken },
    });
    expect(document.sms).toEqual({ other: 1 });
    expect(document.theme).toBe('dark');
  });

  it('reads the current layout as it is, and drops an emptied secret of the old one', () => {
    const current = { format: 2, secrets: { 'sms.apiKey': { protection: 'file', value: 'k' } } };
    expect(upgradeSecrets(current)).toEqual({ document: current, changed: false });
    expect(upgradeSecrets(undefined)).toEqual({ document: { format: 2, secrets: {} }, changed: false });
    expect(upgradeSecrets({ sms: { apiKey: '' } })).toEqual({ document: { format: 2, secrets: {} }, changed: true });
  });

  it('never overwrites an entry with an old-layout string written beside it: both stay', () => {
    const { document } = upgradeSecrets({ format: 2, secrets: { 'sms.apiKey': { protection: 'os', value: 'x' } }, sms: { apiKey: 'older' } });
    expect(entryOf(document, 'sms.apiKey')).toEqual({ protection: 'os', value: 'x' });
    expect(document.sms).toEqual({ apiKey: 'older' });
  });

  it('refuses a file that is not an object or that a newer version wrote', () => {
    expect(() => upgradeSecrets(['a'])).toThrow(SecretsFileProblem);
    expect(() => upgradeSecrets({ format: 3, secrets: {} })).toThrow(/newer version/);
    expect(() => upgradeSecrets({ format: 'two' })).toThrow(SecretsFileProblem);
    expect(() => upgradeSecrets({ format: 2, secrets: 'x' })).toThrow(SecretsFileProblem);
  });

  it('says an entry is malformed rather than guess what it holds', () => {
    const { document } = upgradeSecrets({ format: 2, secrets: { 'sms.apiKey': { protection: 'rot13', value: 'x' }, 'sync.token': 'bare' } });
    expect(entryOf(document, 'sms.apiKey')).toBe('malformed');
    expect(entryOf(document, 'sync.token')).toBe('malformed');
  });
});

describe('changing an entry', () => {
  it('replaces or removes one entry and leaves the rest and the original document alone', () => {
    const { document } = upgradeSecrets({ format: 2, secrets: { 'sms.apiKey': { protection: 'file', value: 'a' } }, theme: 'dark' });
    const set = withEntry(document, 'sync.token', { protection: 'os', value: 'b' });
    expect(set).toEqual({
      format: 2,
      theme: 'dark',
      secrets: { 'sms.apiKey': { protection: 'file', value: 'a' }, 'sync.token': { protection: 'os', value: 'b' } },
    });
    expect(withEntry(set, 'sms.apiKey', null).secrets).toEqual({ 'sync.token': { protection: 'os', value: 'b' } });
    expect(document.secrets).toEqual({ 'sms.apiKey': { protection: 'file', value: 'a' } });
  });
});
