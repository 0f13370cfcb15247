import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/main/core/audit.js';
import { openDesk } from '../../src/main/desk.js';
import { count, makeDesk, seedApplication } from './support/tempDesk.js';

describe('a desk killed mid-work', () => {
  it('keeps every approval whole or absent after SIGKILL: no half-written invoice, SMS or audit event', async () => {
    const t = await makeDesk();
    for (let i = 0; i < 400; i++) seedApplication(t.desk);
    await t.desk.close();

    const child = spawn(process.execPath, ['--import', 'tsx', 'test/integration/support/approveLoop.ts', t.dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        if (/approved (\d{2,})/.test(chunk.toString())) resolve();
      });
      child.on('exit', () => reject(new Error('the child finished before it could be killed')));
    });
    child.kill('SIGKILL');
    await exited;

    const desk = openDesk(t.dir);
    try {
      expect(desk.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      const approved = count(desk, 'applications', "state = 'approved'");
      expect(approved).toBeGreaterThanOrEqual(10);
      expect(approved).toBeLessThan(400);
      expect(count(desk, 'invoices')).toBe(approved);
      expect(count(desk, 'sms_messages', "event = 'approved'")).toBe(approved);
      expect(count(desk, 'audit_events', "action = 'application.approve'")).toBe(approved);
      expect(count(desk, 'applied_ops', "name = 'application.approve'")).toBe(approved);
      expect(verifyAuditChain(desk.sqlite).ok).toBe(true);
    } finally {
      await desk.close();
    }
  });
});
