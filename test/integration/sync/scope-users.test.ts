import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, resolveSession } from '../../../src/main/auth/sessions.js';
import type { Actor } from '../../../src/main/core/actor.js';
import type { Desk } from '../../../src/main/desk.js';
import { syncRound } from '../../../src/main/sync/round.js';
import { paidApplication } from '../support/paid.js';
import { count, PASSWORD, type TestDesk } from '../support/tempDesk.js';
import { testClock } from '../support/testClock.js';
import { json, startProxy } from './proxy.js';
import { joinedDesk, joinedDeskAt, restart, startTestServer, sync, type TestServer } from './support.js';

let s: TestServer;
let centres: TestDesk['centres'];
const desks: Desk[] = [];

async function licensed(desk: Desk, officer: Actor, centreId: string, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push(await paidApplication(desk, officer, { centreId }));
  const issued = await desk.dispatch('licence.issue', { applicationIds: ids }, officer);
  if (!issued.ok) throw new Error(issued.error.message);
  return ids;
}

beforeAll(async () => {
  s = await startTestServer(async (t) => {
    centres = t.centres;
    await licensed(t.desk, t.actors.officer, t.centres.nairobi, 3);
    await licensed(t.desk, t.actors.officer, t.centres.mombasa, 3);
    // One paid at Nairobi and not yet licensed: its holder is no business of the clerk's desk.
    await paidApplication(t.desk, t.actors.officer, { centreId: t.centres.nairobi });
  });
});
afterAll(async () => {
  for (const d of desks) await d.close();
  await s.server.close();
});

const keep = (d: Desk): Desk => {
  desks.push(d);
  return d;
};
const ids = (d: Desk, sql: string, ...params: unknown[]) =>
  d.sqlite
    .prepare(sql)
    .pluck()
    .all(...params) as string[];

/** What the server holds for one centre: its licences, and their applications and holders. */
function centreOnServer(centreId: string) {
  const server = s.server.desk;
  return {
    licences: ids(server, 'SELECT id FROM licences WHERE centre_id = ? ORDER BY id', centreId),
    applications: ids(server, 'SELECT application_id FROM licences WHERE centre_id = ? ORDER BY application_id', centreId),
    practitioners: ids(server, 'SELECT DISTINCT practitioner_id FROM licences WHERE centre_id = ? ORDER BY practitioner_id', centreId),
  };
}
function heldBy(d: Desk) {
  return {
    licences: ids(d, 'SELECT id FROM licences ORDER BY id'),
    applications: ids(d, 'SELECT id FROM applications ORDER BY id'),
    practitioners: ids(d, 'SELECT id FROM practitioners ORDER BY id'),
  };
}

describe("a clerk's desk holds only its centre", () => {
  // One journey on one desk, in order: what it holds at first, what later rounds bring, and what leaves it.
  it("holds its centre's licences, their holders with the personal details blanked, and no money or SMS; receives new licences of its centre and not of others in later rounds; lets a licence reassigned to another centre go, with its holder", async () => {
    const clerkDesk = keep(await joinedDesk(s, 'admin', 'NRB'));
    const d = clerkDesk;
    expect(d.sqlite.prepare('SELECT centre_id FROM sync_state').pluck().get()).toBe(centres.nairobi);
    const expected = centreOnServer(centres.nairobi);
    expect(expected.licences).toHaveLength(3);
    expect(heldBy(d)).toEqual(expected);
    expect(count(d, 'licences', 'centre_id <> ?', centres.nairobi)).toBe(0);
    expect(count(s.server.desk, 'licences', 'centre_id = ?', centres.mombasa)).toBe(3);

    const holders = d.sqlite.prepare('SELECT id, national_id, first_name, last_name, phone, email, employer FROM practitioners ORDER BY id').all() as Record<
      string,
      string
    >[];
    const onServer = s.server.desk.sqlite.prepare('SELECT id, national_id, first_name, last_name, phone, email, employer FROM practitioners WHERE id = ?');
    for (const h of holders) {
      const full = onServer.get(h.id) as Record<string, string>;
      expect(full.email !== '' || full.employer !== '').toBe(true);
      expect(h).toEqual({ ...full, email: '', employer: '' });
    }
    for (const table of ['payments', 'invoices', 'sms_messages', 'payment_keys', 'application_history']) {
      expect(count(d, table), table).toBe(0);
      expect(count(s.server.desk, table), table).toBeGreaterThan(0);
    }
    expect(d.sqlite.prepare("SELECT count(*) FROM applications WHERE disclosures <> '' OR decision_reason IS NOT NULL").pluck().get()).toBe(0);
    // Its clerks are the only users who sign in there: no administrator's (or anyone else's) verifier.
    const users = d.sqlite
      .prepare("SELECT username, password_hash <> '' AS verifier, op_key_wrapped IS NOT NULL AS wrappedKey FROM users ORDER BY username")
      .all();
    expect(users).toEqual([{ username: 'clerk.nrb', verifier: 1, wrappedKey: 1 }]);

    // Later rounds.
    await licensed(s.server.desk, s.actors.officer, centres.nairobi, 1);
    await licensed(s.server.desk, s.actors.officer, centres.mombasa, 2);
    await sync(d);
    const later = centreOnServer(centres.nairobi);
    expect(later.licences).toHaveLength(4);
    expect(heldBy(d)).toEqual(later);
    expect(count(d, 'invoices') + count(d, 'payments') + count(d, 'sms_messages')).toBe(0);
    expect(count(d, 'practitioners', "email <> '' OR employer <> ''")).toBe(0);

    // A licence reassigned to another centre leaves the desk, with its holder.
    const moved = centreOnServer(centres.nairobi).licences[0]!;
    const r = await s.server.desk.dispatch(
      'licence.reassign',
      { licenceId: moved, centreId: centres.mombasa, reason: 'The holder moved to Mombasa' },
      s.actors.officer,
    );
    expect(r.ok).toBe(true);
    expect(count(d, 'licence_history', 'licence_id = ?', moved)).toBeGreaterThan(0);
    await sync(d);
    expect(heldBy(d)).toEqual(centreOnServer(centres.nairobi));
    expect(count(d, 'licences', 'centre_id <> ?', centres.nairobi)).toBe(0);
    expect(count(d, 'licence_history', 'licence_id = ?', moved)).toBe(0);
    // Mombasa's clerk desk has it now.
    const mombasa = keep(await joinedDesk(s, 'admin', 'MSA'));
    expect(heldBy(mombasa)).toEqual(centreOnServer(centres.mombasa));
    expect(heldBy(mombasa).licences).toContain(moved);
    // Only licences that left Nairobi are sent to its desks as deleted, not every other centre's.
    const p = await startProxy(s.server.url);
    try {
      const fresh = keep(await joinedDeskAt(p.url, 'admin', { centreCode: 'NRB' }));
      expect(heldBy(fresh)).toEqual(centreOnServer(centres.nairobi));
      const deleted = p.exchanges.filter((x) => x.path === '/v1/sync/pull').flatMap((x) => json(x.answer).tables.licences?.deleted ?? []);
      expect(deleted).toEqual([moved]);
    } finally {
      await p.close();
    }
  });
});

describe('users on a desk that syncs', () => {
  it('a user disabled on the server is refused at the desk after the next sync, and their open session ends', async () => {
    const d = keep(await joinedDesk(s));
    const session = await login(d, 'auditor', PASSWORD);
    expect(session.user.username).toBe('auditor');
    const disabled = await s.server.desk.dispatch('user.update', { id: s.actors.auditor.id, active: false }, s.actors.admin);
    expect(disabled.ok).toBe(true);
    // Not yet synced: the desk still knows the account as active.
    await expect(resolveSession(d, session.token)).resolves.toMatchObject({ actor: { username: 'auditor' } });
    await sync(d);
    expect(d.sqlite.prepare("SELECT active FROM users WHERE username = 'auditor'").pluck().get()).toBe(0);
    await expect(login(d, 'auditor', PASSWORD)).rejects.toMatchObject({ code: 'user_disabled' });
    await expect(resolveSession(d, session.token)).rejects.toMatchObject({ code: 'user_disabled' });
    // Others still sign in.
    await expect(login(d, 'officer', PASSWORD)).resolves.toMatchObject({ user: { username: 'officer' } });
  });

  it("a desk's failed sign-ins keep slowing sign-in there after a sync", async () => {
    // The desk's clock stands still: the lock lasts however long the sync round takes on a busy machine.
    const clock = testClock();
    const d = keep(await joinedDeskAt(s.server.url, 'admin', { clock }));
    for (let i = 0; i < 3; i++) await expect(login(d, 'officer', 'not-the-password')).rejects.toMatchObject({ code: 'bad_credentials' });
    await expect(login(d, 'officer', PASSWORD)).rejects.toMatchObject({ code: 'too_many_attempts' });
    const throttle = () =>
      d.sqlite.prepare("SELECT failed_logins, locked_until FROM users WHERE username = 'officer'").get() as {
        failed_logins: number;
        locked_until: string | null;
      };
    const before = throttle();
    expect(before.failed_logins).toBe(3);
    // The server changes the user meanwhile: the desk takes the change and keeps its own count.
    expect((await s.server.desk.dispatch('user.update', { id: s.actors.officer.id, fullName: 'Officer Renamed' }, s.actors.admin)).ok).toBe(true);
    await sync(d);
    expect(d.sqlite.prepare("SELECT full_name FROM users WHERE username = 'officer'").pluck().get()).toBe('Officer Renamed');
    expect(throttle()).toEqual(before);
    await expect(login(d, 'officer', PASSWORD)).rejects.toMatchObject({ code: 'too_many_attempts' });
    // The lock is the desk's wait and nothing else: once it is over, the right password signs in.
    clock.set(before.locked_until!);
    await expect(login(d, 'officer', PASSWORD)).resolves.toMatchObject({ user: { username: 'officer', fullName: 'Officer Renamed' } });
  });

  it('a known user signs in on the desk while the server is down; a wrong password is still refused', async () => {
    const d = keep(await joinedDesk(s));
    await s.server.close();
    try {
      await expect(syncRound(d)).rejects.toThrow(/Cannot reach/);
      const session = await login(d, 'officer', PASSWORD);
      expect(session.user).toMatchObject({ username: 'officer', role: 'officer', id: s.actors.officer.id });
      await expect(resolveSession(d, session.token)).resolves.toMatchObject({ actor: { id: s.actors.officer.id } });
      await expect(login(d, 'officer', 'not-the-password')).rejects.toMatchObject({ code: 'bad_credentials' });
      await expect(login(d, 'nobody', PASSWORD)).rejects.toMatchObject({ code: 'bad_credentials' });
    } finally {
      await restart(s);
    }
  });
});
