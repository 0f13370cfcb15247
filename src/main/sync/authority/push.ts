import type { KeyObject } from 'node:crypto';
import type { CommandName } from '../../../shared/contract/index.js';
import type { OpAnswer, PushOp } from '../../../shared/contract/syncWire.js';
import { isCommandName, PUSHED_COMMANDS } from '../../../shared/contract/facts.js';
import { importPublicKey } from '../../auth/opKeys.js';
import { actorFromUser, type Actor, type UserActorRow } from '../../core/actor.js';
import type { DispatchOptions } from '../../core/dispatch.js';
import type { Desk } from '../../core/deskApi.js';
import { statements } from '../../db/handles.js';
import { opSignatureVerifies } from '../opSignature.js';
import { deskWithdrawn, type RegisteredDesk } from './desks.js';

/** How far ahead of the service's clock an op may say it was made (desks' clocks drift). */
export const CLOCK_SKEW_MS = 5 * 60_000;

type UserRow = UserActorRow & { active: number; op_public_key: string | null };

/**
 * Applies a desk's ops in order, each with the same command code (in a savepoint of the page's
 * transaction), as the user who made and signed it, as that user stands on the server now. Each op
 * is answered; a refused one never stops the ones after it.
 */
export async function applyPushedOps(server: Desk, from: RegisteredDesk, ops: readonly PushOp[]): Promise<OpAnswer[]> {
  // One transaction for the page, each op in a savepoint of it: one write of the pages the ops
  // share and one sync to disk, before any answer leaves. Side effects run after the commit.
  const effects: (() => void)[] = [];
  const answers = await server.db.transaction().execute(() => applyInOrder(server, from, ops, { effects }));
  for (const effect of effects) {
    try {
      effect();
    } catch (err) {
      server.log.error({ err }, 'sync: an effect after a push failed');
    }
  }
  return answers;
}

/** Each op finds its user (as that user stands now: an op before it may have changed them): built once (compileOnce). */
const userById = (id: string) =>
  statements.selectFrom('users').select(['id', 'username', 'full_name', 'role', 'centre_id', 'active', 'op_public_key']).where('id', '=', id);

async function applyInOrder(server: Desk, from: RegisteredDesk, ops: readonly PushOp[], within: DispatchOptions['within']): Promise<OpAnswer[]> {
  const db = server.write;
  // Parsing a public key costs more than checking a signature with it: once per key and page.
  const publicKeys = new Map<string, KeyObject>();
  const publicKey = (spki: string) => publicKeys.get(spki) ?? publicKeys.set(spki, importPublicKey(spki)).get(spki)!;
  const answers: OpAnswer[] = [];
  for (const op of ops) {
    // Withdrawn by an op of this page (an administrator withdrawing the desk they work on): the
    // rest are not applied, nor answered; they stay in the desk's outbox.
    if (deskWithdrawn(db, from.id)) break;
    const user = op.actorId === null ? undefined : db.compileOnce(userById).first(op.actorId);
    const actor = actorFor(op, user, from, server.clock(), publicKey);
    if (typeof actor === 'string') {
      answers.push({ opId: op.opId, status: 'rejected', reason: actor });
      continue;
    }
    const result = await server.dispatch(op.name as CommandName, op.input, actor, { opId: op.opId, at: op.at, originDeskId: from.id, within });
    if (!result.ok) answers.push({ opId: op.opId, status: 'rejected', reason: result.error.message });
    else answers.push({ opId: op.opId, status: result.duplicate ? 'duplicate' : 'applied' });
  }
  return answers;
}

/**
 * The actor to apply an op as, or why it cannot be applied. The signature is checked before
 * anything else: a recorded op altered in any way (another record, command, user or desk) fails it.
 */
function actorFor(op: PushOp, user: UserRow | undefined, from: RegisteredDesk, now: Date, publicKey: (spki: string) => KeyObject): Actor | string {
  if (op.actorId === null) return `${op.name} names no user: the central service takes a change only from the user who made it.`;
  if (!user) return 'The user who made this change is not known to the central service.';
  if (!user.op_public_key)
    return `${user.username} has no op-signing key on the central service (a disabled account, or one never given a password here): an administrator sets a new password.`;
  const signed = { opId: op.opId, name: op.name, input: op.input, actorId: op.actorId, at: op.at, deskId: from.originId };
  if (!op.signature || !opSignatureVerifies(signed, op.signature, publicKey(user.op_public_key))) {
    return `This change does not carry ${user.username}'s valid signature: it was altered, made with a key since replaced, or not made by ${user.username}.`;
  }
  if (!PUSHED_COMMANDS.has(op.name)) {
    return isCommandName(op.name) ? `${op.name} is about a desk itself: the central service never takes it from a desk.` : `There is no command '${op.name}'.`;
  }
  if (!user.active) return `${user.username}'s account is disabled on the central service.`;
  if (from.centreId !== null && user.centre_id !== from.centreId) return `${user.username} does not work at the centre this desk serves.`;
  if (Date.parse(op.at) > now.getTime() + CLOCK_SKEW_MS)
    return `This change is dated ${op.at}, ahead of the central service's clock: check the desk's date and time.`;
  return actorFromUser(user);
}
