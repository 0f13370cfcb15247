import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lockSession, login, resolveSession, unlockSession, waitAfterFailures } from '../../src/main/auth/sessions.js';
import { count, makeDesk, PASSWORD, type TestDesk } from './support/tempDesk.js';
import { testClock } from './support/testClock.js';

let t: TestDesk;
beforeEach(async () => {
  t = await makeDesk({ clock: testClock('2026-11-28T08:00:00Z') });
});
afterEach(async () => {
  await t.desk.close();
});

const failedAttempt = (username: string) =>
  login(t.desk, username, 'wrong-password').then(
    () => 'ok',
    (e: { code: string }) => e.code,
  );

describe('signing in', () => {
  it("gives a session whose token resolves to the user, with the role's permissions", async () => {
    const s = await login(t.desk, 'officer', PASSWORD);
    expect(s.user.role).toBe('officer');
    expect(s.permissions).toContain('application.decide');
    const { actor } = await resolveSession(t.desk, s.token);
    expect(actor.username).toBe('officer');
    expect(count(t.desk, 'audit_events', "action = 'session.login'")).toBe(1);
  });

  it('refuses a wrong password with a message that does not say which part was wrong, and audits it', async () => {
    await expect(login(t.desk, 'officer', 'nope')).rejects.toMatchObject({ code: 'bad_credentials', message: 'That username and password do not match.' });
    await expect(login(t.desk, 'nobody', 'nope')).rejects.toMatchObject({ code: 'bad_credentials' });
    expect(count(t.desk, 'audit_events', "action = 'session.login_failed'")).toBe(2);
  });

  it('slows down repeated failed attempts, then lets the right password in once the wait is over', async () => {
    expect([await failedAttempt('officer'), await failedAttempt('officer'), await failedAttempt('officer')]).toEqual([
      'bad_credentials',
      'bad_credentials',
      'bad_credentials',
    ]);
    await expect(login(t.desk, 'officer', PASSWORD)).rejects.toMatchObject({
      code: 'too_many_attempts',
      message: expect.stringMatching(/Try again in 5 seconds/),
    });
    t.clock.advance(waitAfterFailures(3) * 1000 + 1);
    await expect(login(t.desk, 'officer', PASSWORD)).resolves.toMatchObject({ user: { username: 'officer' } });
  });

  it('refuses a disabled user, and ends their open sessions', async () => {
    const s = await login(t.desk, 'auditor', PASSWORD);
    const r = await t.desk.dispatch('user.update', { id: t.actors.auditor.id!, active: false }, t.actors.admin);
    expect(r.ok).toBe(true);
    await expect(login(t.desk, 'auditor', PASSWORD)).rejects.toMatchObject({ code: 'user_disabled' });
    await expect(resolveSession(t.desk, s.token)).rejects.toMatchObject({ code: 'user_disabled' });
  });

  it('parallel wrong passwords lock the account after exactly the allowed count: each attempt is claimed before its password is checked', async () => {
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => failedAttempt('officer')));
    expect(outcomes.filter((o) => o === 'bad_credentials')).toHaveLength(3);
    expect(outcomes.filter((o) => o === 'too_many_attempts')).toHaveLength(5);
    expect(t.desk.sqlite.prepare("SELECT failed_logins FROM users WHERE username = 'officer'").pluck().get()).toBe(3);
    expect(count(t.desk, 'audit_events', "action = 'session.login_failed'")).toBe(3);
  });

  it('ends a session 12 hours after sign-in, however active it was', async () => {
    const s = await login(t.desk, 'officer', PASSWORD);
    // Used every 9 minutes (within the idle lock) for 12 hours.
    for (let minutes = 9; minutes <= 12 * 60; minutes += 9) {
      t.clock.advance(9 * 60_000);
      await expect(resolveSession(t.desk, s.token)).resolves.toMatchObject({ actor: { username: 'officer' } });
    }
    t.clock.advance(1000);
    await expect(resolveSession(t.desk, s.token)).rejects.toMatchObject({ code: 'not_signed_in', message: expect.stringMatching(/12 hours/) });
  });

  it("ends the user's sessions when an administrator sets a new password, and gives them a new signing key", async () => {
    const s = await login(t.desk, 'officer', PASSWORD);
    const { actor } = await resolveSession(t.desk, s.token);
    expect(actor.signingKey).toBeDefined();
    const keyBefore = t.desk.sqlite.prepare("SELECT op_public_key FROM users WHERE username = 'officer'").pluck().get();
    const r = await t.desk.dispatch('user.setPassword', { id: t.actors.officer.id!, password: 'another-password-1' }, t.actors.admin);
    expect(r.ok).toBe(true);
    await expect(resolveSession(t.desk, s.token)).rejects.toMatchObject({ code: 'not_signed_in' });
    expect(t.desk.sqlite.prepare("SELECT op_public_key FROM users WHERE username = 'officer'").pluck().get()).not.toBe(keyBefore);
    await expect(login(t.desk, 'officer', 'another-password-1')).resolves.toMatchObject({ user: { username: 'officer' } });
  });

  it('makes a hash of lower cost again at the next sign-in, with a signing key for a user who had none', async () => {
    const { scryptSync } = await import('node:crypto');
    const salt = Buffer.alloc(16, 7);
    const old = [
      'scrypt',
      32768,
      8,
      1,
      salt.toString('base64'),
      scryptSync(PASSWORD, salt, 32, { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }).toString('base64'),
    ].join('$');
    t.desk.sqlite.prepare("UPDATE users SET password_hash = ?, op_public_key = NULL, op_key_wrapped = NULL WHERE username = 'auditor'").run(old);
    const s = await login(t.desk, 'auditor', PASSWORD);
    const row = t.desk.sqlite
      .prepare("SELECT password_hash AS hash, op_public_key AS pub, op_key_wrapped AS wrapped FROM users WHERE username = 'auditor'")
      .get() as Record<string, string | null>;
    expect(row.hash).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(row.pub).toBeTruthy();
    expect(row.wrapped).toBeTruthy();
    expect((await resolveSession(t.desk, s.token)).actor.signingKey).toBeDefined();
    await expect(login(t.desk, 'auditor', PASSWORD)).resolves.toMatchObject({ user: { username: 'auditor' } });
  });

  it('refuses a tampered or unknown session token', async () => {
    const s = await login(t.desk, 'officer', PASSWORD);
    await expect(resolveSession(t.desk, s.token.slice(0, -2) + 'xx')).rejects.toMatchObject({ code: 'not_signed_in' });
    await expect(resolveSession(t.desk, undefined)).rejects.toMatchObject({ code: 'not_signed_in' });
  });

  it('locks an idle session; the password unlocks it', async () => {
    const s = await login(t.desk, 'officer', PASSWORD);
    t.clock.advance(11 * 60_000);
    await expect(resolveSession(t.desk, s.token)).rejects.toMatchObject({ code: 'session_locked' });
    await expect(unlockSession(t.desk, s.token, 'wrong-password')).rejects.toMatchObject({ code: 'bad_credentials' });
    await unlockSession(t.desk, s.token, PASSWORD);
    await expect(resolveSession(t.desk, s.token)).resolves.toMatchObject({ actor: { username: 'officer' } });
    await lockSession(t.desk, s.token);
    await expect(resolveSession(t.desk, s.token)).rejects.toMatchObject({ code: 'session_locked' });
  });
});
