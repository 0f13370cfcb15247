import type { Role } from '../../shared/permissions.js';
import { credentialsMaker } from '../auth/credentials.js';
import { SYSTEM_ACTOR } from '../core/actor.js';
import type { Desk } from '../desk.js';
import { run } from './support.js';

export const DEMO_PASSWORD = 'demo-password';

interface DemoUser {
  username: string;
  fullName: string;
  role: Role;
  centreId?: string;
}

/** `officer`, `auditor`, `admin`, and `clerk.<code>` for each active centre. */
export function demoUsers(centres: readonly { id: string; code: string; name: string }[]): DemoUser[] {
  return [
    { username: 'admin', fullName: 'Faith Njeri', role: 'admin' },
    { username: 'officer', fullName: 'Daniel Kiprono', role: 'officer' },
    { username: 'auditor', fullName: 'Esther Achieng', role: 'auditor' },
    ...centres.map((c) => ({ username: `clerk.${c.code.toLowerCase()}`, fullName: `Clerk, ${c.name}`, role: 'clerk' as const, centreId: c.id })),
  ];
}

/** Creates the demo users that do not exist yet, through `user.create` as the system actor. */
export async function ensureDemoUsers(desk: Desk): Promise<{ created: string[]; existing: string[] }> {
  const db = desk.read;
  const centres = db.all(db.selectFrom('centres').select(['id', 'code', 'name']).where('active', '=', 1).orderBy('code'));
  const exists = (username: string) => db.first(db.selectFrom('users').select('id').where('username', '=', username)) !== undefined;
  const created: string[] = [];
  const existing: string[] = [];
  // They share one password: one slow hash for all, each with a signing key of their own.
  const credentialsFor = await credentialsMaker(DEMO_PASSWORD);
  for (const user of demoUsers(centres)) {
    if (exists(user.username)) {
      existing.push(user.username);
      continue;
    }
    await run(desk, 'user.create', { ...user, credentials: credentialsFor(user.username) }, SYSTEM_ACTOR);
    created.push(user.username);
  }
  return { created, existing };
}
