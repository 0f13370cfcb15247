import type { FlagKind } from '../../shared/contract/applications.js';
import { flagsForApplication } from '../applications/flags.js';
import type { Desk } from '../desk.js';
import type { Random } from './random.js';
import { actorOf, run } from './support.js';

/** Shares of the demo applications the officer decides; the rest stay submitted. */
export const DECISION_SHARES = { approve: 0.35, reject: 0.1, return: 0.1 } as const;

const REJECT_REASONS = [
  'Not found on the register of the Board. Please contact the Board office.',
  'CPD points claimed are not supported by certificates.',
  'The qualification given does not match the cadre applied for.',
];
const RETURN_REASONS = [
  'Please upload your CPD certificates for the year and resubmit.',
  'Please confirm your phone number and resubmit.',
  'Please accept the declarations and resubmit.',
  'Please attach a letter from your current employer and resubmit.',
];
const APPROVE_DESPITE: Record<FlagKind, string> = {
  cpd_below_threshold: 'CPD shortfall noted; to be made up this year',
  practitioner_not_active: 'register status checked with the registrar',
  duplicate_for_year: 'earlier application for the year withdrawn',
  declaration_not_accepted: 'declarations confirmed with the applicant by phone',
  disclosures_made: 'disclosure reviewed; no bearing on practice',
  phone_invalid: 'phone number to be confirmed at collection',
  centre_unknown: 'centre confirmed with the applicant',
};

export interface DemoDecisions {
  approved: number;
  approvedWithFlags: number;
  rejected: number;
  returned: number;
}

/**
 * The `officer` decides a seeded share of the applications, oldest first, through the same
 * commands as on screen. Approving a flagged application gives a reason. Applications no longer
 * submitted (a demo run twice) are left as they are.
 */
export async function decideDemoApplications(desk: Desk, rng: Random, refs: readonly string[]): Promise<DemoDecisions> {
  const officer = actorOf(desk, 'officer');
  const threshold = Number(desk.setting('review.cpdThreshold'));
  const n = refs.length;
  const shuffled = rng.shuffle(refs);
  const approveCount = Math.round(n * DECISION_SHARES.approve);
  const rejectCount = Math.round(n * DECISION_SHARES.reject);
  const returnCount = Math.round(n * DECISION_SHARES.return);
  const plan = new Map<string, { action: 'approve' | 'reject' | 'return'; reason?: string }>();
  shuffled.forEach((ref, i) => {
    if (i < approveCount) plan.set(ref, { action: 'approve' });
    else if (i < approveCount + rejectCount) plan.set(ref, { action: 'reject', reason: rng.pick(REJECT_REASONS) });
    else if (i < approveCount + rejectCount + returnCount) plan.set(ref, { action: 'return', reason: rng.pick(RETURN_REASONS) });
  });

  const find = desk.sqlite.prepare('SELECT id, state FROM applications WHERE application_ref = ?');
  const done: DemoDecisions = { approved: 0, approvedWithFlags: 0, rejected: 0, returned: 0 };
  for (const ref of refs) {
    const decision = plan.get(ref);
    const app = find.get(ref) as { id: string; state: string } | undefined;
    if (!decision || !app || app.state !== 'submitted') continue;
    if (decision.action === 'approve') {
      const flags = flagsForApplication(desk.sqlite, app.id, threshold);
      const reason = flags.length ? `Approved: ${flags.map((f) => APPROVE_DESPITE[f.kind]).join('; ')}.` : undefined;
      await run(desk, 'application.approve', { applicationId: app.id, ...(reason ? { reason } : {}) }, officer);
      done.approved++;
      if (flags.length) done.approvedWithFlags++;
    } else if (decision.action === 'reject') {
      await run(desk, 'application.reject', { applicationId: app.id, reason: decision.reason }, officer);
      done.rejected++;
    } else {
      await run(desk, 'application.return', { applicationId: app.id, reason: decision.reason }, officer);
      done.returned++;
    }
  }
  return done;
}
