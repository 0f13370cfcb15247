import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/**
 * The QR code on a licence holds `KMLTTB1|number|year|national ID|holder|signature`: the fields
 * and an Ed25519 signature by the Board's key over them, so that anyone with the public key can
 * check a licence offline. The keys themselves: boardKey.ts.
 */
const PREFIX = 'KMLTTB1';

export interface LicenceClaims {
  licenceNo: string;
  licenceYear: number;
  nationalId: string;
  holderName: string;
}

const clean = (text: string) => text.replace(/[|\r\n]/g, ' ').trim();

function signedPart(c: LicenceClaims): string {
  return [PREFIX, clean(c.licenceNo), String(c.licenceYear), clean(c.nationalId), clean(c.holderName).toUpperCase()].join('|');
}

export function qrPayload(key: KeyObject, claims: LicenceClaims): string {
  const body = signedPart(claims);
  return `${body}|${sign(null, Buffer.from(body), key).toString('base64url')}`;
}

export type PayloadCheck = { ok: true; claims: LicenceClaims } | { ok: false; reason: 'unreadable' | 'tampered'; claims?: LicenceClaims };

/** Checks a payload against the Board's public keys (base64 SPKI): valid when one of them verifies it. */
export function checkPayload(payload: string, publicKeysBase64: readonly string[]): PayloadCheck {
  const parts = payload.trim().split('|');
  if (parts.length !== 6 || parts[0] !== PREFIX) return { ok: false, reason: 'unreadable' };
  const [, licenceNo, year, nationalId, holderName, signature] = parts as [string, string, string, string, string, string];
  const claims: LicenceClaims = { licenceNo, licenceYear: Number(year), nationalId, holderName };
  const good = publicKeysBase64.some((k) => signedBy(parts.slice(0, 5).join('|'), signature, k));
  return good ? { ok: true, claims } : { ok: false, reason: 'tampered', claims };
}

function signedBy(body: string, signature: string, publicKeyBase64: string): boolean {
  try {
    const key = createPublicKey({ key: Buffer.from(publicKeyBase64, 'base64'), format: 'der', type: 'spki' });
    return verify(null, Buffer.from(body), key, Buffer.from(signature, 'base64url'));
  } catch {
    return false;
  }
}
