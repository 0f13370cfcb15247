import { createCipheriv, createDecipheriv, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';

/**
 * Each user's op-signing key (Ed25519). The public key is known to every desk and the central
 * service; the private key travels only wrapped (AES-256-GCM) by the key that the user's password
 * gives (passwords.ts), bound to the username (which never changes), and is unwrapped only in a signed-in session's memory.
 */
export interface OpKey {
  publicKey: string;
  wrapped: string;
  privateKey: KeyObject;
}

const IV_LENGTH = 12;
const TAG_LENGTH = 16;

export function newOpKey(owner: string, wrapKey: Buffer): OpKey {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { publicKey: exportPublicKey(publicKey), wrapped: wrapOpKey(owner, wrapKey, privateKey), privateKey };
}

export function wrapOpKey(owner: string, wrapKey: Buffer, privateKey: KeyObject): string {
  const iv = randomBytes(IV_LENGTH);
  const cipher = createCipheriv('aes-256-gcm', wrapKey, iv).setAAD(Buffer.from(owner));
  const sealed = Buffer.concat([cipher.update(privateKey.export({ format: 'der', type: 'pkcs8' })), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64');
}

/** The private key, or null when the wrap key is not the one it was wrapped with (or the blob was altered). */
export function unwrapOpKey(owner: string, wrapKey: Buffer, wrapped: string): KeyObject | null {
  const blob = Buffer.from(wrapped, 'base64');
  if (blob.length <= IV_LENGTH + TAG_LENGTH || wrapKey.length !== 32) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', wrapKey, blob.subarray(0, IV_LENGTH)).setAAD(Buffer.from(owner));
    decipher.setAuthTag(blob.subarray(IV_LENGTH, IV_LENGTH + TAG_LENGTH));
    const der = Buffer.concat([decipher.update(blob.subarray(IV_LENGTH + TAG_LENGTH)), decipher.final()]);
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } catch {
    return null;
  }
}

export function exportPublicKey(key: KeyObject): string {
  return key.export({ format: 'der', type: 'spki' }).toString('base64');
}

export function importPublicKey(spki: string): KeyObject {
  return createPublicKey({ key: Buffer.from(spki, 'base64'), format: 'der', type: 'spki' });
}
