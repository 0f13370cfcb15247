import type { Role } from '../../shared/permissions.js';

/** Who is doing something: a signed-in user, or the `system` actor for init, demo and imports. */
export interface Actor {
  id: string | null;
  username: string;
  fullName: string;
  role: Role | 'system';
  centreId: string | null;
}

export const SYSTEM_ACTOR: Actor = { id: null, username: 'system', fullName: 'System', role: 'system', centreId: null };
