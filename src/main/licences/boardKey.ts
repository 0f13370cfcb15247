import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import path from 'node:path';
import { UserError } from '../../shared/errors.js';
import type { DeskServices } from '../core/deskServices.js';
import type { ReadableDB, WritableDB } from '../db/handles.js';
import { SECRET_ENV } from '../settings/secretNames.js';
import { SECRETS_FILE } from '../settings/secretStore.js';
import { checkPayload } from './signing.js';

/**
 * The Board's licence signing key pair. The private key is a secret of the desk that numbers
 * licences (the central service, or a desk that works alone); its public half is a row of
 * `licence_keys`, which the central service sends to every desk, centre desks included, so that
 * each can verify a QR code offline.
 *
 * A key is made only when there is none anywhere: none stored, none on record, no licence signed.
 * Otherwise a key that cannot be read, is missing, or is not the one on record is an error that
 * says what to do, never a new key: every licence signed before would read "tampered".
 */

/** The public keys (base64 SPKI) that verify the Board's licences, oldest first. */
export function boardPublicKeys(db: ReadableDB): string[] {
  return db.all(db.selectFrom('licence_keys').select('public_key').orderBy('created_at').orderBy('public_key')).map((k) => k.public_key);
}

/** The key that signs licences here, made (with its public half recorded) only on a desk that has never had one. */
export function signingKey(desk: DeskServices, db: WritableDB, now: string): KeyObject {
  const where = `${path.join(desk.dataDir, SECRETS_FILE)} (or ${SECRET_ENV['licence.signingKey']})`;
  const never = 'No new key is made: every licence signed with the Board\'s key would then read "tampered".';
  let stored: string | null;
  try {
    stored = desk.secrets.get('licence.signingKey');
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    throw new UserError('signing_key_unreadable', `The Board's licence signing key cannot be read. ${err.message} ${never}`);
  }
  const known = boardPublicKeys(db);
  const signed = db.first(db.selectFrom('licences').select('qr_payload').where('qr_payload', '<>', '').orderBy('issued_at', 'desc').limit(1))?.qr_payload;
  if (stored === null) {
    if (known.length === 0 && signed === undefined) return makeKey(desk, db, now);
    throw new UserError(
      'signing_key_missing',
      `The Board's licence signing key is missing from ${where}, although ${signed ? 'this desk has signed licences with it' : 'this desk knows its public key'}. Restore secrets.json from a backup of this data folder, or set ${SECRET_ENV['licence.signingKey']} to the key of the service or desk that signed them. ${never}`,
    );
  }
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: Buffer.from(stored, 'base64'), format: 'der', type: 'pkcs8' });
  } catch {
    throw new UserError(
      'signing_key_unreadable',
      `The licence signing key in ${where} is damaged: it is not an Ed25519 private key. Restore secrets.json from a backup of this data folder. ${never}`,
    );
  }
  const publicKey = publicKeyOf(key);
  if (known.includes(publicKey)) return key;
  // No public key on record (a desk from before they were recorded): the stored key must be the one that signed.
  if (known.length > 0 || (signed !== undefined && !checkPayload(signed, [publicKey]).ok)) {
    throw new UserError(
      'signing_key_unreadable',
      `The licence signing key in ${where} is not the Board's key that signed this desk's licences. Restore the secrets.json that holds the right key from a backup of this data folder. ${never}`,
    );
  }
  recordPublicKey(db, publicKey, now);
  return key;
}

function makeKey(desk: DeskServices, db: WritableDB, now: string): KeyObject {
  const { privateKey } = generateKeyPairSync('ed25519');
  desk.secrets.set('licence.signingKey', privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'));
  recordPublicKey(db, publicKeyOf(privateKey), now);
  return privateKey;
}

function publicKeyOf(privateKey: KeyObject): string {
  return createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).toString('base64');
}

function recordPublicKey(db: WritableDB, publicKey: string, now: string): void {
  db.run(db.insertInto('licence_keys').orIgnore().values({ public_key: publicKey, created_at: now, updated_at: now }));
}
