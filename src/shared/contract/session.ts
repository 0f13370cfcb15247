import { z } from 'zod';
import type { Permission } from '../permissions.js';
import type { UserRow } from './admin.js';

export const loginInput = z.object({
  username: z.string().trim().toLowerCase().min(1, 'Enter your username').max(40),
  password: z.string().min(1, 'Enter your password').max(200),
});
export const unlockInput = z.object({ password: z.string().min(1).max(200) });

export interface SessionInfo {
  token: string;
  user: Pick<UserRow, 'id' | 'username' | 'fullName' | 'role' | 'centreId' | 'centreName'>;
  permissions: Permission[];
  idleLockMinutes: number;
  deskName: string;
}

export interface FirstRunState {
  /** No administrator exists yet: the first-run screen creates one. */
  needsAdmin: boolean;
  hasData: boolean;
  /** Browser mode: creating it takes the one-time code `kmlttb web` printed (`First-run code: …`). */
  codeRequired: boolean;
}
export const firstRunInput = z.object({
  username: z.string().trim().toLowerCase().min(2).max(40),
  fullName: z.string().trim().min(2).max(120),
  password: z.string().min(10, 'A password needs at least 10 characters').max(200),
  demo: z.boolean().default(false),
  /** Browser mode's one-time code; the desktop app sends none. */
  code: z.string().max(100).optional(),
});
