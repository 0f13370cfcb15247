import { execFileSync, spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/main/core/audit.js';
import { makeDesk, seedApplication, type TestDesk } from './support/tempDesk.js';

let t: TestDesk;
beforeEach(async () => {
  t = await makeDesk();
  for (let i = 0; i < 3; i++) {
    await t.desk.dispatch('application.reject', { applicationId: seedApplication(t.desk), reason: 'Not on the register' }, t.actors.officer);
  }
});
afterEach(async () => {
  await t.desk.close();
});

describe('the audit trail', () => {
  it('verifies when nobody has touched it', () => {
    const r = verifyAuditChain(t.desk.sqlite);
    expect(r.ok).toBe(true);
    expect(r.checked).toBe(5); // two fees and three rejections
  });

  it('finds an event whose fields were edited', () => {
    t.desk.sqlite.prepare("UPDATE audit_events SET summary = 'nothing happened' WHERE seq = 4").run();
    expect(verifyAuditChain(t.desk.sqlite)).toMatchObject({ ok: false, firstBad: { seq: 4 } });
  });

  it('finds an event that was deleted', () => {
    t.desk.sqlite.prepare('DELETE FROM audit_events WHERE seq = 3').run();
    expect(verifyAuditChain(t.desk.sqlite)).toMatchObject({ ok: false, firstBad: { seq: 3, problem: expect.stringMatching(/missing/) } });
  });

  it('finds an event rewritten with a fresh hash, because the next event no longer follows it', () => {
    const e = t.desk.sqlite.prepare('SELECT * FROM audit_events WHERE seq = 2').get() as Record<string, string>;
    t.desk.sqlite.prepare("UPDATE audit_events SET hash = 'f00d', summary = 'edited' WHERE seq = 2").run();
    expect(e.hash).not.toBe('f00d');
    const r = verifyAuditChain(t.desk.sqlite);
    expect(r.ok).toBe(false);
    expect(r.firstBad!.seq).toBe(2);
  });

  it('kmlttb audit verify exits 1 and names the first bad event', async () => {
    t.desk.sqlite.prepare("UPDATE audit_events SET actor_name = 'someone' WHERE seq = 5").run();
    await t.desk.close();
    const ok = spawnSync('node', ['bin/kmlttb.js', '--data', t.dir, 'audit', 'verify'], { encoding: 'utf8' });
    expect(ok.status).toBe(1);
    expect(ok.stderr).toMatch(/event 5/);
    t = { ...t, desk: (await import('../../src/main/desk.js')).openDesk(t.dir) };
  });

  it('kmlttb audit verify exits 0 on an intact trail', () => {
    const out = execFileSync('node', ['bin/kmlttb.js', '--data', t.dir, 'audit', 'verify'], { encoding: 'utf8' });
    expect(out).toMatch(/intact: 5 events/);
  });
});
