import { describe, expect, it } from 'vitest';
import { payloadFromScan, verifyAddress } from '../../../src/shared/licenceVerifyAddress.js';

const PAYLOAD = 'KMLTTB1|KMLTTB/2026/000001|2026|31234567|WANJIRŨ KĨMANI|c2lnbmF0dXJl-_';

describe('the verify address on a licence', () => {
  it('puts the whole payload in one path segment under the public address', () => {
    const address = verifyAddress('https://licensing.kmlttb.go.ke/', PAYLOAD);
    expect(address).toBe(`https://licensing.kmlttb.go.ke/v1/verify/${encodeURIComponent(PAYLOAD)}`);
    expect(new URL(address).pathname.split('/')).toHaveLength(4);
  });

  it('gives back the payload from the address, from the bare payload, and leaves anything else as it is', () => {
    expect(payloadFromScan(verifyAddress('https://licensing.kmlttb.go.ke', PAYLOAD))).toBe(PAYLOAD);
    expect(payloadFromScan(` ${verifyAddress('http://127.0.0.1:4790', PAYLOAD)}?utm=x#top `)).toBe(PAYLOAD);
    expect(payloadFromScan(`  ${PAYLOAD}\n`)).toBe(PAYLOAD);
    expect(payloadFromScan('https://example.com/other/page')).toBe('https://example.com/other/page');
    expect(payloadFromScan('https://licensing.kmlttb.go.ke/v1/verify/%E0%A4%A')).toBe('%E0%A4%A');
  });
});
