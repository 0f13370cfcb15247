import type { CommandName } from '../../../shared/contract/index.js';
import type { OpAnswer, PushOp } from '../../../shared/contract/syncWire.js';
import { actorFromUser, SYSTEM_ACTOR, type Actor, type UserActorRow } from '../../core/actor.js';
import type { DispatchOptions } from '../../core/dispatch.js';
import type { Desk } from '../../desk.js';
import { deskWithdrawn, type RegisteredDesk } from './desks.js';

/** Ops a desk may send as the `system` actor: its file imports run from the command line without a user. */
const SYSTEM_OPS: ReadonlySet<string> = new Set(['applications.import', 'payments.import', 'payments.autoMatch']);

type UserRow = UserActorRow & { active: number };

/**
 * Applies a desk's ops in order, each with the same command code (in a savepoint of the page's
 * transaction), as the user who made it, as that user stands on the server now. Each op is answered; a
 * refused one never stops the ones after it.
 */
export async function applyPushedOps(server: Desk, from: RegisteredDesk, ops: readonly PushOp[]): Promise<OpAnswer[]> {
  // One transaction for the page, each op in a savepoint of it: one write of the pages the ops
  // share and one sync to disk, before any answer leaves. Side effects run after the commit.
  const effects: (() => void)[] = [];
  const answers = await server.db.transaction().execute(async (tx) => {
    const answered = await applyInOrder(server, from, ops, { tx, effects });
    return answered;
  });
  for (const effect of effects) {
    try { effect(); } catch (err) { console.error('[sync] after a push:', err); }
  }
  return answers;
}

async function applyInOrder(server: Desk, from: RegisteredDesk, ops: readonly PushOp[], within: DispatchOptions['within']): Promise<OpAnswer[]> {
  const findUser = server.sqlite.prepare('SELECT id, username, full_name, role, centre_id, active FROM users WHERE id = ?');
  const answers: OpAnswer[] = [];
  for (const op of ops) {
    // Withdrawn by an op of this page (an administrator withdrawing the desk they work on): the
    // rest are not applied, nor answered; they stay in the desk's outbox.
    if (deskWithdrawn(server.sqlite, from.id)) break;
    const actor = actorFor(op, findUser.get(op.actorId) as UserRow | undefined, from);
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

/** The actor to apply an op as, or why it cannot be applied. */
function actorFor(op: PushOp, user: UserRow | undefined, from: RegisteredDesk): Actor | string {
  if (op.actorId === null) {
    return SYSTEM_OPS.has(op.name) ? SYSTEM_ACTOR : `${op.name} needs a signed-in user; the central service does not take it from the system actor.`;
  }
  if (!user) return 'The user who made this change is not known to the central service.';
  if (!user.active) return `${user.username}'s account is disabled on the central service.`;
  if (from.centreId !== null && user.role !== 'admin' && user.centre_id !== from.centreId) {
    return `${user.username} does not work at the centre this desk serves.`;
  }
  return actorFromUser(user);
}
