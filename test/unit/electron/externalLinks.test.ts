import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl } from '../../../src/main/electron/externalLinks.js';

describe('links opened in the system browser', () => {
  it.each(['https://kmlttb.org/', 'https://www.kmlttb.org/licences?year=2025', 'https://www.ecitizen.go.ke/'])(
    'an https link to an allowlisted site opens: %s',
    (url) => expect(isAllowedExternalUrl(url)).toBe(true),
  );

  it.each([
    ['plain http', 'http://kmlttb.org/'],
    ['a host not on the list', 'https://evil.example/'],
    ['a look-alike host', 'https://kmlttb.org.evil.example/'],
    ['a subdomain not on the list', 'https://mail.kmlttb.org/'],
    ['credentials in the address', 'https://user:pass@kmlttb.org/'],
    ['an unusual port', 'https://kmlttb.org:8443/'],
    ['a file address', 'file:///etc/passwd'],
    ['a protocol handler', 'ms-msdt:/id PCWDiagnostic'],
    ['javascript', 'javascript:alert(1)'],
    ['not an address at all', 'kmlttb.org'],
  ])('%s is refused', (_why, url) => expect(isAllowedExternalUrl(url)).toBe(false));

  it('the allowlist can be narrowed by the caller', () => {
    expect(isAllowedExternalUrl('https://kmlttb.org/', ['www.kmlttb.org'])).toBe(false);
  });
});
