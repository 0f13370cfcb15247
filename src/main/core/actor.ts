import type { KeyObject } from 'node:crypto';
import type { Role } from '../../shared/permissions.js';

/** Who is doing something: a signed-in user, or the `system` actor for init, demo and imports. */
export interface Actor {
  id: string | null;
  username: string;
  fullName: string;
  role: Role | 'system';
  centreId: string | null;
  /** The user's op-signing key, unwrapped by their password at sign-in (never for `system`). */
  signingKey?: KeyObject;
}

export const SYSTEM_ACTOR: Actor = { id: null, username: 'system', fullName: 'System', role: 'system', centreId: null };

/** A user row as the users table holds it. */
export interface UserActorRow {
  id: string;
  username: string;
  full_name: string;
  role: Role;
  centre_id: string | null;
}

export function actorFromUser(u: UserActorRow): Actor {
  return { id: u.id, username: u.username, fullName: u.full_name, role: u.role, centreId: u.centre_id };
}
