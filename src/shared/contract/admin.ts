import { z } from 'zod';
import type { Role } from '../permissions.js';
import type { SettingGroup } from '../settingGroups.js';
import { cadre, id, licenceYear, role } from './common.js';

export const password = z.string().min(10, 'A password needs at least 10 characters').max(200);
export const username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,39}$/, 'A username is 2 to 40 letters, digits, dots, dashes or underscores');

/**
 * What a desk that syncs sends the central service instead of a password: the password's verifier
 * (scrypt, this app's parameters, N at least 2^17) and the user's op-signing key, public and
 * wrapped by the password (ARCHITECTURE.md "Sync", Trust).
 */
export const credentials = z.object({
  passwordHash: z
    .string()
    .regex(/^scrypt\$\d+\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/, 'is not a password verifier of this app')
    .refine((h) => Number(h.split('$')[1]) >= 2 ** 17, 'is a password verifier of too low a cost'),
  opPublicKey: z.string().regex(/^MCowBQYDK2VwAyEA[A-Za-z0-9+/]{43}=$/, 'is not an Ed25519 public key'),
  opKeyWrapped: z.string().regex(/^[A-Za-z0-9+/]{102}==$/, 'is not a wrapped op-signing key'),
});
export type Credentials = z.infer<typeof credentials>;
const passwordOrCredentials = <T extends { password?: string; credentials?: Credentials }>(v: T) =>
  (v.password === undefined) !== (v.credentials === undefined);
const onePassword = { message: 'Give a password', path: ['password'] };

export const userCreateInput = z
  .object({
    username,
    fullName: z.string().trim().min(2).max(120),
    role,
    centreId: id.optional(),
    password: password.optional(),
    credentials: credentials.optional(),
  })
  .refine(passwordOrCredentials, onePassword);
export const userUpdateInput = z.object({
  id,
  fullName: z.string().trim().min(2).max(120).optional(),
  role: role.optional(),
  centreId: id.nullable().optional(),
  active: z.boolean().optional(),
});
export const userPasswordInput = z
  .object({ id, password: password.optional(), credentials: credentials.optional() })
  .refine(passwordOrCredentials, onePassword);

export interface UserRow {
  id: string;
  username: string;
  fullName: string;
  role: Role;
  centreId: string | null;
  centreName: string | null;
  active: boolean;
  failedLogins: number;
}

export const centreCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{2,8}$/, 'A centre code is 2 to 8 letters or digits');
export const centreCreateInput = z.object({
  code: centreCode,
  name: z.string().trim().min(2).max(120),
  town: z.string().trim().min(2).max(80),
  region: z.string().trim().max(80).default(''),
});
export const centreUpdateInput = z.object({
  id,
  name: z.string().trim().min(2).max(120).optional(),
  town: z.string().trim().min(2).max(80).optional(),
  region: z.string().trim().max(80).optional(),
  active: z.boolean().optional(),
});
export interface CentreRow {
  id: string;
  code: string;
  name: string;
  town: string;
  region: string;
  active: boolean;
}

export const feeSetInput = z.object({
  cadre,
  licenceYear,
  amountCents: z.number().int().min(0).max(100_000_000),
  /** A value the Board has not published (demo data): the settings screen labels it. */
  placeholder: z.boolean().default(false),
});
export interface FeeRow {
  cadre: 'technologist' | 'technician';
  licenceYear: number;
  amountCents: number;
  placeholder: boolean;
}

export const settingSetInput = z.object({ key: z.string().min(1).max(100), value: z.string().max(10_000) });
/** Several settings saved together (a group on the settings screen): all of them, or none. */
export const settingsSaveInput = z.object({
  values: z.array(settingSetInput).min(1, 'Change a setting first').max(50),
});
export interface SettingRow {
  key: string;
  /** What people call it (the key is for `kmlttb config`). */
  label: string;
  /** The group the settings screen shows it in (shared/settingGroups.ts). */
  group: SettingGroup;
  /** A secret's value is never sent: `••••••••` when one is set, empty when not. */
  value: string;
  description: string;
  placeholder: boolean;
  secret: boolean;
  /** The environment variable whose value is used instead of the stored one, when it is set. */
  environment: string | null;
}
