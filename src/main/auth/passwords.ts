import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * scrypt with N=2^17, r=8, p=1 (128 MiB): a few hundred milliseconds a check, never reversible.
 * Hashes made with a lower cost still verify and are made again at the next sign-in on the authority.
 */
const PARAMS = { N: 2 ** 17, r: 8, p: 1 } as const;
const MAX_MEMORY = 256 * 1024 * 1024;
const VERIFIER_LENGTH = 32;

/**
 * One scrypt gives 64 bytes: the first 32 are the verifier that is stored (the same bytes a
 * 32-byte scrypt gives, since scrypt ends in PBKDF2, whose blocks are independent), the last 32
 * are the key that wraps the user's op-signing key. Knowing the verifier does not give the wrap key.
 */
export interface PasswordCheck {
  ok: boolean;
  wrapKey: Buffer;
}
export interface NewPassword {
  hash: string;
  wrapKey: Buffer;
}

function scrypt(password: string, salt: Buffer, params: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(password.normalize('NFKC'), salt, VERIFIER_LENGTH * 2, { ...params, maxmem: MAX_MEMORY }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** `scrypt$N$r$p$salt$verifier` (base64), and the key that wraps the user's op-signing key. */
export async function hashPassword(password: string): Promise<NewPassword> {
  const salt = randomBytes(16);
  const derived = await scrypt(password, salt, PARAMS);
  const hash = ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), derived.subarray(0, VERIFIER_LENGTH).toString('base64')].join('$');
  return { hash, wrapKey: derived.subarray(VERIFIER_LENGTH) };
}

export async function checkPassword(password: string, stored: string): Promise<PasswordCheck> {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !hash) {
    // Same cost as a real check, so timing does not tell an unknown user from a wrong password.
    await scrypt(password, Buffer.alloc(16), PARAMS);
    return { ok: false, wrapKey: Buffer.alloc(0) };
  }
  const expected = Buffer.from(hash, 'base64');
  const derived = await scrypt(password, Buffer.from(salt, 'base64'), { N: +n!, r: +r!, p: +p! });
  const verifier = derived.subarray(0, VERIFIER_LENGTH);
  const ok = verifier.length === expected.length && timingSafeEqual(verifier, expected);
  return { ok, wrapKey: ok ? derived.subarray(VERIFIER_LENGTH) : Buffer.alloc(0) };
}

/** A hash made with less than today's cost: made again at the next successful sign-in. */
export function isWeakHash(stored: string): boolean {
  const [, n, r, p] = stored.split('$');
  return Number(n) < PARAMS.N || Number(r) < PARAMS.r || Number(p) < PARAMS.p;
}

/** Checked against when the username is unknown or the desk keeps no verifier for the user. */
export const NO_HASH = '';
