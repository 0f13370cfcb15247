import { afterEach, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/main/auth/passwords.js';
import { verifyAuditChain } from '../../src/main/core/audit.js';
import { describeDemo, runDemo } from '../../src/main/demo/index.js';
import { openDesk, type Desk } from '../../src/main/desk.js';
import { count, tempDir } from './support/tempDesk.js';

const NOW = new Date('2026-11-20T06:00:00Z');
const desks: Desk[] = [];
afterEach(async () => {
  for (const d of desks.splice(0)) await d.close();
});
function freshDesk(): Desk {
  const desk = openDesk(tempDir('kmlttb-demo-'), { clock: () => NOW });
  desks.push(desk);
  return desk;
}
/** The demo's data without its random ids: what a person would see. */
function contentOf(desk: Desk) {
  return desk.sqlite
    .prepare(
      `SELECT a.application_ref, a.state, a.revision, a.submitted_at, a.licence_year, a.cpd_points, a.flags, a.decision_reason,
              p.national_id, p.first_name, p.last_name, p.phone, c.code AS centre, i.amount_due_cents
       FROM applications a JOIN practitioners p ON p.id = a.practitioner_id
       LEFT JOIN centres c ON c.id = a.centre_id LEFT JOIN invoices i ON i.application_id = a.id
       ORDER BY a.application_ref`,
    )
    .all();
}

describe('demo data', () => {
  it('makes users with the demo password, placeholder fees, applications and decisions in the expected numbers', async () => {
    const desk = freshDesk();
    const summary = await runDemo(desk, { applications: 120, seed: 7 });

    expect(summary.users.created).toEqual(['admin', 'officer', 'auditor', 'clerk.eld', 'clerk.emb', 'clerk.ksm', 'clerk.msa', 'clerk.nkr', 'clerk.nrb']);
    expect(summary.import).toMatchObject({ rowsRead: 120, imported: 120, resubmitted: 0, unchanged: 0 });
    expect(summary.decisions).toMatchObject({ approved: 42, rejected: 12, returned: 12 });
    expect(summary.applications.total).toBe(120);
    expect(summary.applications.byState).toEqual({ approved: 42, rejected: 12, returned: 12, submitted: 54 });
    expect(summary.practitioners).toBeLessThan(120);
    expect(summary.applications.flagged).toBeGreaterThan(0);
    expect(summary.sms.queued).toBeGreaterThan(0);

    expect(count(desk, 'invoices')).toBe(42);
    expect(count(desk, 'fees', 'placeholder = 1')).toBe(count(desk, 'fees'));
    expect(count(desk, 'fees', "cadre = 'technologist' AND amount_cents = 300000")).toBeGreaterThan(0);
    // Decisions are the officer's, and every flagged approval says why.
    expect(count(desk, 'applications', "state <> 'submitted' AND decided_by <> (SELECT id FROM users WHERE username = 'officer')")).toBe(0);
    expect(count(desk, 'application_history', "action = 'approve' AND reason IS NULL AND application_id IN (SELECT id FROM applications WHERE flag_count > 0)")).toBe(0);
    expect(count(desk, 'practitioners', 'phone IS NULL')).toBeGreaterThan(0);
    expect(verifyAuditChain(desk.sqlite).ok).toBe(true);
    expect(describeDemo(summary)).toContain('120 (approved 42, rejected 12, returned 12, submitted 54)');

    const hash = desk.sqlite.prepare("SELECT password_hash FROM users WHERE username = 'clerk.nrb'").get() as { password_hash: string };
    expect(await verifyPassword('demo-password', hash.password_hash)).toBe(true);
  });

  it('gives the same data, states and reasons for the same seed', async () => {
    const a = freshDesk();
    const b = freshDesk();
    await runDemo(a, { applications: 60, seed: 3 });
    await runDemo(b, { applications: 60, seed: 3 });
    expect(contentOf(a)).toHaveLength(60);
    expect(contentOf(a)).toEqual(contentOf(b));
  });

  it('can run twice on one desk without doubling anything', async () => {
    const desk = freshDesk();
    await runDemo(desk, { applications: 40, seed: 5 });
    const before = contentOf(desk);
    const again = await runDemo(desk, { applications: 40, seed: 5 });
    expect(again.users.created).toEqual([]);
    expect(again.import).toMatchObject({ imported: 0, unchanged: 40 });
    expect(again.decisions).toMatchObject({ approved: 0, rejected: 0, returned: 0 });
    expect(contentOf(desk)).toEqual(before);
  });
});
