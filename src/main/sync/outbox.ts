import { UserError } from '../../shared/errors.js';
import type { Actor } from '../core/actor.js';
import type { DeskServices } from '../core/deskServices.js';
import { signOp } from './opSignature.js';

/**
 * On a desk that syncs, a change is made only by a signed-in user whose op-signing key is
 * unwrapped: the service takes nothing else, so nothing else is applied here either (this throws
 * inside the op's transaction).
 */
function assertCanSign(actor: Actor): void {
  if (actor.id === null) {
    throw new UserError(
      'forbidden',
      'This desk syncs with a central service, which takes a change only from the user who made it: sign in (on the command line, --user U --password-file F).',
    );
  }
  if (!actor.signingKey) {
    throw new UserError(
      'forbidden',
      `${actor.username} has no op-signing key on this desk, so the central service would refuse this change: an administrator sets a new password for ${actor.username}, then sign in again.`,
    );
  }
}

/** Records an op for the central service, signed by its user over what the service will be sent. */
export function recordInOutbox(desk: DeskServices, op: { opId: string; name: string; input: unknown; at: string }, actor: Actor): void {
  assertCanSign(actor);
  const input = JSON.stringify(op.input ?? null);
  const signature = signOp({ ...op, input: JSON.parse(input) as unknown, actorId: actor.id!, deskId: desk.deskId }, actor.signingKey!);
  const db = desk.write;
  db.run(db.insertInto('outbox').values({ op_id: op.opId, name: op.name, input, actor_id: actor.id, at: op.at, signature }));
}
