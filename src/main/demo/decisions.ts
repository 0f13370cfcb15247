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
  phone_not_mobile: 'phone number to be confirmed at collection',
  centre_unknown: 'centre confirmed with the applicant',
};

export interface DemoDecisions {
  approved: number;
  approvedWithFlags: number;
  rejected: number;
  returned: number;
}

export interface PlannedDecision {
  ref: string;
  action: 'approve' | 'reject' | 'return';
  reason?: string;
}

/**
 * Which applications the officer decides, and how: a seeded share, in submission order (the
 * officer works the queue oldest first). The rest stay submitted.
 */
export function planDecisions(rng: Random, refs: readonly string[]): PlannedDecision[] {
  const n = refs.length;
  const shuffled = rng.shuffle(refs);
  const approveCount = Math.round(n * DECISION_SHARES.approve);
  const rejectCount = Math.round(n * DECISION_SHARES.reject);
  const returnCount = Math.round(n * DECISION_SHARES.return);
  const plan = new Map<string, PlannedDecision>();
  shuffled.forEach((ref, i) => {
    if (i < approveCount) plan.set(ref, { ref, action: 'approve' });
    else if (i < approveCount + rejectCount) plan.set(ref, { ref, action: 'reject', reason: rng.pick(REJECT_REASONS) });
    else if (i < approveCount + rejectCount + returnCount) plan.set(ref, { ref, action: 'return', reason: rng.pick(RETURN_REASONS) });
  });
  return refs.flatMap((ref) => plan.get(ref) ?? []);
}

/**
 * The `officer` makes the planned decisions, in order, through the same commands as on screen.
 * Approving a flagged application gives a reason. Applications no longer submitted (a demo run
 * twice) are left as they are.
 */
export async function decideDemoApplications(desk: Desk, plan: readonly PlannedDecision[]): Promise<DemoDecisions> {
  const officer = actorOf(desk, 'officer');
  const threshold = Number(desk.setting('review.cpdThreshold'));
  const find = (ref: string) => desk.read.first(desk.read.selectFrom('applications').select(['id', 'state']).where('application_ref', '=', ref));
  const done: DemoDecisions = { approved: 0, approvedWithFlags: 0, rejected: 0, returned: 0 };
  for (const decision of plan) {
    const app = find(decision.ref);
    if (!app || app.state !== 'submitted') continue;
    if (decision.action === 'approve') {
      const flags = flagsForApplication(desk.read, app.id, threshold);
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

/** Adds up two runs of decisions. */
export function addDecisions(a: DemoDecisions, b: DemoDecisions): DemoDecisions {
  return {
    approved: a.approved + b.approved,
    approvedWithFlags: a.approvedWithFlags + b.approvedWithFlags,
    rejected: a.rejected + b.rejected,
    returned: a.returned + b.returned,
  };
}
