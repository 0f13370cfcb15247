import type { KeyObject } from 'node:crypto';
import type { Credentials } from '../../shared/contract/admin.js';
import type { DeskServices } from '../core/deskServices.js';
import { newOpKey, unwrapOpKey, wrapOpKey } from './opKeys.js';
import { checkPassword, hashPassword, isWeakHash, NO_HASH } from './passwords.js';

export interface CredentialRow {
  id: string;
  username: string;
  password_hash: string;
  op_key_wrapped: string | null;
}

/** A password's verifier and a new op-signing key wrapped by it: what user.create and a reset store. */
export async function newCredentials(username: string, password: string): Promise<Credentials> {
  return (await credentialsMaker(password))(username);
}

/** Credentials for users who share one password (demo data, tests): one scrypt, a key pair each. */
export async function credentialsMaker(password: string): Promise<(username: string) => Credentials> {
  const { hash, wrapKey } = await hashPassword(password);
  return (username) => {
    const key = newOpKey(username, wrapKey);
    return { passwordHash: hash, opPublicKey: key.publicKey, opKeyWrapped: key.wrapped };
  };
}

/**
 * Checks a user's password and unwraps their op-signing key with it. On the authority (a desk
 * that does not sync, or the central service), a hash of lower cost is made again and a user
 * without a key is given one; a desk that syncs takes both from the service.
 */
export async function openCredentials(
  desk: DeskServices,
  user: CredentialRow | undefined,
  password: string,
): Promise<{ ok: boolean; signingKey: KeyObject | null; save: () => void }> {
  const nothing = () => {};
  const check = await checkPassword(password, user?.password_hash ?? NO_HASH);
  if (!user || !check.ok) return { ok: false, signingKey: null, save: nothing };
  const signingKey = user.op_key_wrapped ? unwrapOpKey(user.username, check.wrapKey, user.op_key_wrapped) : null;
  if (desk.syncEnabled() || (signingKey && !isWeakHash(user.password_hash))) return { ok: true, signingKey, save: nothing };
  const stronger = await hashPassword(password);
  const made = signingKey ? null : newOpKey(user.username, stronger.wrapKey);
  const key = signingKey ?? made!.privateKey;
  const save = () =>
    desk.write.run(
      desk.write
        .updateTable('users')
        .set({
          password_hash: stronger.hash,
          op_key_wrapped: wrapOpKey(user.username, stronger.wrapKey, key),
          ...(made ? { op_public_key: made.publicKey } : {}),
        })
        .where('id', '=', user.id),
    );
  return { ok: true, signingKey: key, save };
}
