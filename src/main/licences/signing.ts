import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import type { DeskServices } from '../core/desk.js';

/**
 * The QR code on a licence holds `KMLTTB1|number|year|national ID|holder|signature`: the fields
 * and an Ed25519 signature by the Board's key over them, so that anyone with the public key can
 * check a licence offline. The private key is a secret; the public key is a plain setting.
 */
const PREFIX = 'KMLTTB1';
const PUBLIC_KEY_SETTING = 'licence.publicKey';

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

export function publicKeyOf(sqlite: BetterSqlite3.Database): string | null {
  return (sqlite.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(PUBLIC_KEY_SETTING) as string | undefined) ?? null;
}

/** The signing key, made (with its public half stored as a setting) the first time it is needed. */
export function signingKey(desk: DeskServices, sqlite: BetterSqlite3.Database, now: string): KeyObject {
  const stored = desk.secrets.get('licence.signingKey');
  if (stored && publicKeyOf(sqlite)) return createPrivateKey({ key: Buffer.from(stored, 'base64'), format: 'der', type: 'pkcs8' });
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  desk.secrets.set('licence.signingKey', privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'));
  sqlite
    .prepare(`INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`)
    .run(PUBLIC_KEY_SETTING, publicKey.export({ format: 'der', type: 'spki' }).toString('base64'), now);
  return privateKey;
}

export function qrPayload(key: KeyObject, claims: LicenceClaims): string {
  const body = signedPart(claims);
  return `${body}|${sign(null, Buffer.from(body), key).toString('base64url')}`;
}

export type PayloadCheck =
  | { ok: true; claims: LicenceClaims }
  | { ok: false; reason: 'unreadable' | 'tampered'; claims?: LicenceClaims };

export function checkPayload(payload: string, publicKeyBase64: string): PayloadCheck {
  const parts = payload.trim().split('|');
  if (parts.length !== 6 || parts[0] !== PREFIX) return { ok: false, reason: 'unreadable' };
  const [, licenceNo, year, nationalId, holderName, signature] = parts as [string, string, string, string, string, string];
  const claims: LicenceClaims = { licenceNo, licenceYear: Number(year), nationalId, holderName };
  const key = createPublicKey({ key: Buffer.from(publicKeyBase64, 'base64'), format: 'der', type: 'spki' });
  let good = false;
  try {
    good = verify(null, Buffer.from(parts.slice(0, 5).join('|')), key, Buffer.from(signature, 'base64url'));
  } catch {
    good = false;
  }
  return good ? { ok: true, claims } : { ok: false, reason: 'tampered', claims };
}
