import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-signature';

export type SignatureCheck = { ok: true } | { ok: false; message: string };

const SIGNATURE = /^sha256=([0-9a-f]{64})$/i;

/**
 * Checks `X-Signature: sha256=<hex HMAC-SHA256 of the raw body with the shared secret>`, in
 * constant time. Without a secret nothing is accepted: there is nothing to check against.
 */
export function checkSignature(rawBody: Buffer, header: string | string[] | undefined, secret: string): SignatureCheck {
  if (secret === '') {
    return {
      ok: false,
      message: 'This service accepts no eCitizen requests yet: its shared secret is not set (server.ecitizenSecret or KMLTTB_ECITIZEN_SECRET).',
    };
  }
  if (header === undefined || header === '') {
    return { ok: false, message: 'The X-Signature header is missing: send sha256=<hex HMAC-SHA256 of the raw body with the shared secret>.' };
  }
  const match = typeof header === 'string' ? SIGNATURE.exec(header.trim()) : null;
  if (!match) return { ok: false, message: 'The X-Signature header must be sha256= followed by 64 hex digits, given once.' };
  const given = Buffer.from(match[1]!, 'hex');
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  if (!timingSafeEqual(given, expected)) return { ok: false, message: 'The X-Signature does not match the body: nothing was changed.' };
  return { ok: true };
}

/** True when two secrets are equal, in time that does not depend on where they differ. */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHmac('sha256', 'kmlttb-compare').update(given).digest();
  const b = createHmac('sha256', 'kmlttb-compare').update(expected).digest();
  return timingSafeEqual(a, b);
}
