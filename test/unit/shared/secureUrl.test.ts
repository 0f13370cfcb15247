import { describe, expect, it } from 'vitest';
import { insecureAddressProblem, isLoopbackHost, requireSecureAddress } from '../../../src/shared/secureUrl.js';

describe('the secure-address rule', () => {
  it('takes https:// anywhere', () => {
    for (const a of ['https://licensing.kmlttb.go.ke', 'https://api.africastalking.com/', 'https://10.0.0.5:4790/sync', 'https://[2001:db8::1]']) {
      expect(insecureAddressProblem(a), a).toBeNull();
    }
  });

  it('takes plain http:// only to this computer: 127.0.0.0/8, ::1 and localhost', () => {
    for (const a of [
      'http://127.0.0.1:4790',
      'http://127.9.8.7',
      'http://localhost:8080/x',
      'http://LOCALHOST.',
      'http://[::1]:4790',
      'http://[0:0:0:0:0:0:0:1]',
      'http://127.1',
    ]) {
      expect(insecureAddressProblem(a), a).toBeNull();
    }
    for (const a of [
      'http://example.org',
      'http://10.0.0.5:4790',
      'http://128.0.0.1',
      'http://localhost.example.org',
      'http://127.0.0.1.nip.io',
      'http://[::2]',
      'http://0.0.0.0',
    ]) {
      expect(insecureAddressProblem(a), a).toMatch(/^uses plain http:\/\/, which is refused except to this computer/);
    }
  });

  it('refuses what is not a web address', () => {
    for (const a of ['', 'example.org', 'ftp://example.org', 'https:example.org', 'https:// spaced', 'javascript:alert(1)']) {
      expect(insecureAddressProblem(a), a).toMatch(/^is not a web address/);
    }
  });

  it('names what it refuses in one line', () => {
    expect(() => requireSecureAddress('http://example.org', '--server')).toThrow(
      "--server 'http://example.org' uses plain http://, which is refused except to this computer (127.0.0.1, ::1, localhost): use https://.",
    );
    expect(isLoopbackHost('[::1]')).toBe(true);
    expect(isLoopbackHost('example.org')).toBe(false);
  });
});
