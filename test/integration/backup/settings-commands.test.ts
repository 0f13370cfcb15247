/** Backups from Settings, through the command and query contract: admin only, restore waiting for the next start. */
import { describe, expect, it } from 'vitest';
import { pendingRestore } from '../../../src/main/backup/restoreAtStart.js';
import { makeDesk } from '../support/tempDesk.js';

describe('backups from Settings', () => {
  it('an administrator backs up now, sees it listed as the last backup, and it is audited; others are refused', async () => {
    const t = await makeDesk();
    try {
      for (const role of ['officer', 'clerk', 'auditor'] as const) {
        const r = await t.desk.dispatch('backup.create', {}, t.actors[role]);
        expect(!r.ok && r.error.code).toBe('forbidden');
      }
      t.clock.set('2026-11-25T07:30:00.000Z');
      const made = await t.desk.dispatch('backup.create', {}, t.actors.admin);
      expect(made).toMatchObject({ ok: true, value: { file: 'kmlttb-2026-11-25T07-30-00Z.sqlite', kind: 'snapshot', at: '2026-11-25T07:30:00.000Z' } });
      const list = await t.desk.query('backups.list', {}, t.actors.admin);
      expect(list.ok && list.value.last).toMatchObject({ file: 'kmlttb-2026-11-25T07-30-00Z.sqlite', bytes: expect.any(Number) });
      expect(t.desk.sqlite.prepare("SELECT summary FROM audit_events WHERE action = 'backup.create'").pluck().get()).toMatch(
        /^Backed up the database to backups\/kmlttb-/,
      );
    } finally {
      await t.desk.close();
    }
  });

  it('asks for a restore at the next start only of a backup that checks out, and says the restart is needed', async () => {
    const t = await makeDesk();
    try {
      const made = await t.desk.dispatch('backup.create', {}, t.actors.admin);
      const file = made.ok ? made.value.file : '';
      const unknown = await t.desk.dispatch('backup.restoreAtStart', { file: 'kmlttb-1999-01-01T00-00-00Z.sqlite' }, t.actors.admin);
      expect(!unknown.ok && unknown.error.code).toBe('not_found');
      expect(pendingRestore(t.dir)).toBeNull();
      const r = await t.desk.dispatch('backup.restoreAtStart', { file }, t.actors.admin);
      expect(r).toMatchObject({ ok: true, value: { file, restartRequired: true } });
      expect(pendingRestore(t.dir)).toMatchObject({ file, requestedBy: 'admin' });
      const list = await t.desk.query('backups.list', {}, t.actors.admin);
      expect(list.ok && list.value.restoreAtStart).toMatchObject({ file });
    } finally {
      await t.desk.close();
    }
  });
});
