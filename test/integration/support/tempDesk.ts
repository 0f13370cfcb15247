import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Role } from '../../../src/shared/permissions.js';
import { nairobiYear } from '../../../src/shared/time.js';
import { SYSTEM_ACTOR, type Actor } from '../../../src/main/core/actor.js';
import type { KeyObject } from 'node:crypto';
import { newOpKey, unwrapOpKey } from '../../../src/main/auth/opKeys.js';
import { hashPassword, type NewPassword } from '../../../src/main/auth/passwords.js';
import { newId } from '../../../src/main/core/ids.js';
import { openDesk, type Desk, type OpenDeskOptions } from '../../../src/main/desk.js';
import { testClock, type TestClock } from './testClock.js';

export const PASSWORD = 'correct-horse-battery';
let shared: NewPassword | undefined;

export function tempDir(prefix = 'kmlttb-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface TestDesk {
  desk: Desk;
  dir: string;
  actors: Record<Role, Actor> & { clerkOther: Actor; system: Actor };
  centres: { nairobi: string; mombasa: string };
  /** The desk's clock: fixed, moved only by the test. */
  clock: TestClock;
}

/** A real desk on a fresh SQLite file and a test clock, with one user of each role and fees for 2026 and the clock's licence year. */
export async function makeDesk(options: Omit<OpenDeskOptions, 'clock'> & { clock?: TestClock } = {}): Promise<TestDesk> {
  const dir = tempDir();
  const clock = options.clock ?? testClock();
  const desk = openDesk(dir, { ...options, clock });
  const centre = (code: string) => (desk.sqlite.prepare('SELECT id FROM centres WHERE code = ?').get(code) as { id: string }).id;
  const centres = { nairobi: centre('NRB'), mombasa: centre('MSA') };
  // Users go straight into the table with one shared hash, each with a signing key of their own:
  // scrypt is slow on purpose (user.create has its own tests).
  shared ??= await hashPassword(PASSWORD);
  const make = async (username: string, role: Role, centreId?: string): Promise<Actor> => {
    const id = newId();
    const at = clock().toISOString();
    const key = newOpKey(username, shared!.wrapKey);
    desk.sqlite
      .prepare(
        `INSERT INTO users (id, username, full_name, role, centre_id, password_hash, op_public_key, op_key_wrapped, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, username, `Test ${username}`, role, centreId ?? null, shared!.hash, key.publicKey, key.wrapped, at, at);
    return { id, username, fullName: `Test ${username}`, role, centreId: centreId ?? null, signingKey: key.privateKey };
  };
  const actors = {
    admin: await make('admin', 'admin'),
    officer: await make('officer', 'officer'),
    clerk: await make('clerk.nrb', 'clerk', centres.nairobi),
    clerkOther: await make('clerk.msa', 'clerk', centres.mombasa),
    auditor: await make('auditor', 'auditor'),
    system: SYSTEM_ACTOR,
  };
  // 2026 is the seeds' licence year; the clock's own year is there too when KMLTTB_TEST_NOW moves it.
  for (const licenceYear of new Set([2026, nairobiYear(clock())])) {
    for (const cadre of ['technologist', 'technician'] as const) {
      const r = await desk.dispatch('fee.set', { cadre, licenceYear, amountCents: cadre === 'technologist' ? 300_000 : 200_000 }, SYSTEM_ACTOR);
      if (!r.ok) throw new Error(r.error.message);
    }
  }
  return { desk, dir, actors, centres, clock };
}

/**
 * The op-signing key of a user made by makeDesk, unwrapped as signing in with PASSWORD would
 * (without paying for scrypt again): for tests that act as that user on a desk that synced the row.
 */
export function testSigningKey(username: string, wrapped: string): KeyObject {
  const key = shared && unwrapOpKey(username, shared.wrapKey, wrapped);
  if (!key) throw new Error(`${username}'s signing key was not made by makeDesk in this process`);
  return key;
}

export interface ApplicationSeed {
  ref?: string;
  nationalId?: string;
  firstName?: string;
  lastName?: string;
  phone?: string | null;
  cadre?: 'technologist' | 'technician';
  licenceYear?: number;
  cpdPoints?: number;
  declarationAccepted?: boolean;
  disclosures?: string;
  centreId?: string | null;
  language?: 'en' | 'sw';
}

let counter = 0;

/**
 * Puts one submitted application straight into the tables, for tests of what comes after import.
 * (Imports have their own tests.)
 */
export function seedApplication(desk: Desk, seed: ApplicationSeed = {}): string {
  counter++;
  const now = desk.clock().toISOString();
  const nationalId = seed.nationalId ?? String(20_000_000 + counter);
  const existing = desk.sqlite.prepare('SELECT id FROM practitioners WHERE national_id = ?').get(nationalId) as { id: string } | undefined;
  const practitionerId = existing?.id ?? newId();
  const cadre = seed.cadre ?? 'technologist';
  if (!existing) {
    desk.sqlite
      .prepare(
        `INSERT INTO practitioners (id, national_id, registration_no, first_name, middle_name, last_name, phone, phone_raw, email,
           cadre, qualification, county, employer, register_status, language, updated_at)
         VALUES (?, ?, ?, ?, '', ?, ?, ?, '', ?, 'Diploma in Medical Laboratory Sciences', 'Nairobi', 'Kenyatta National Hospital', 'active', ?, ?)`,
      )
      .run(
        practitionerId,
        nationalId,
        `MLT/${counter}`,
        seed.firstName ?? 'Wanjiru',
        seed.lastName ?? `Kamau${counter}`,
        seed.phone === undefined ? '254712345678' : seed.phone,
        seed.phone ?? '',
        cadre,
        seed.language ?? 'en',
        now,
      );
  }
  const id = newId();
  const centreId = seed.centreId === undefined ? (desk.sqlite.prepare("SELECT id FROM centres WHERE code = 'NRB'").get() as { id: string }).id : seed.centreId;
  desk.sqlite
    .prepare(
      `INSERT INTO applications (id, application_ref, practitioner_id, licence_year, submitted_at, cpd_points, declaration_accepted,
         disclosures, centre_id, centre_text, state, revision, flags, flag_count, sort_name, cadre, county, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'Nairobi', 'submitted', 1, '', 0, ?, ?, 'Nairobi', ?)`,
    )
    .run(
      id,
      seed.ref ?? `APP-2026-${String(counter).padStart(6, '0')}`,
      practitionerId,
      seed.licenceYear ?? 2026,
      now,
      seed.cpdPoints ?? 40,
      seed.declarationAccepted === false ? 0 : 1,
      seed.disclosures ?? '',
      centreId,
      `${seed.lastName ?? 'kamau'} ${seed.firstName ?? 'wanjiru'}`.toLowerCase(),
      cadre,
      now,
    );
  return id;
}

export function count(desk: Desk, table: string, where = '1 = 1', ...params: unknown[]): number {
  return (desk.sqlite.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${where}`).get(...params) as { n: number }).n;
}
