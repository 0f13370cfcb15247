import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lockSession, login, resolveSession, unlockSession, waitAfterFailures } from '../../src/main/auth/sessions.js';
import { count, makeDesk, PASSWORD, type TestDesk } from './support/tempDesk.js';
import { testClock } from './support/testClock.js';

let t: TestDesk;
beforeEach(async () => {
  t = await makeDesk({ clock: testClock('2026-11-28T08:00:00Z') });
});
afterEach(async () => { await t.desk.close(); });

const failedAttempt = (username: string) => login(t.desk, username, 'wrong-password').then(() => 'ok', (e: { code: string }) => e.code);

describe('signing in', () => {
  it('gives a session whose token resolves to the user, with the role\'s permissions', async () => {
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
      'bad_credentials', 'bad_credentials', 'bad_credentials',
    ]);
    await expect(login(t.desk, 'officer', PASSWORD)).rejects.toMatchObject({ code: 'too_many_attempts', message: expect.stringMatching(/Try again in 5 seconds/) });
    t.clock.advance(waitAfterFailures(3) * 1000 + 1);
    await expect(login(t.desk, 'officer', PASSWORD)).resolves.toMatchObject({ user: { username: 'officer' } });
  });

  it('refuses a disabled user, and ends their open sessions', async () => {
    const s = await login(t.desk, 'auditor', PASSWORD);
    const r = await t.desk.dispatch('user.update', { id: t.actors.auditor.id!, active: false }, t.actors.admin);
    expect(r.ok).toBe(true);
    await expect(login(t.desk, 'auditor', PASSWORD)).rejects.toMatchObject({ code: 'user_disabled' });
    await expect(resolveSession(t.desk, s.token)).rejects.toMatchObject({ code: 'not_signed_in' });
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
