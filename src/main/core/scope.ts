import { UserError } from '../../shared/errors.js';
import { isCentreScoped } from '../../shared/permissions.js';
import type { Actor } from './actor.js';

/** Clerks act on their own centre only; others are not centre-scoped. */
export function requireCentre(actor: Actor, centreId: string | null): void {
  if (isCentreScoped(actor.role) && (!actor.centreId || actor.centreId !== centreId)) {
    throw new UserError('forbidden', 'That belongs to another centre: you can work only on your own centre.');
  }
}
