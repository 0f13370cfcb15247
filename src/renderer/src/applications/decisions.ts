import type { ApplicationDetail } from '../../../shared/contract/applications.js';

export type DecisionKind = 'approve' | 'reject' | 'return';

export const DECISIONS: Record<
  DecisionKind,
  { label: string; key: string; command: 'application.approve' | 'application.reject' | 'application.return'; past: string }
> = {
  approve: { label: 'Approve', key: 'a', command: 'application.approve', past: 'approved' },
  reject: { label: 'Reject', key: 'r', command: 'application.reject', past: 'rejected' },
  return: { label: 'Return', key: 't', command: 'application.return', past: 'returned' },
};

export const DECISION_ORDER: DecisionKind[] = ['approve', 'reject', 'return'];

/** Why a reason is needed for this decision, or null when it is optional. */
export function reasonRule(kind: DecisionKind, app: Pick<ApplicationDetail, 'flags'>): string | null {
  if (kind === 'reject') return 'Required: the reason goes into the SMS to the applicant.';
  if (kind === 'return') return 'Required: say what is missing. It goes into the SMS to the applicant.';
  if (app.flags.length > 0) {
    const n = app.flags.length;
    return `Required: this application has ${n} review flag${n === 1 ? '' : 's'}, so say why you approve it anyway.`;
  }
  return null;
}

/** A client-side check before sending; the back end checks again. */
export function reasonProblem(kind: DecisionKind, app: Pick<ApplicationDetail, 'flags'>, reason: string): string | null {
  const text = reason.trim();
  if (!reasonRule(kind, app)) return null;
  if (text.length === 0) return kind === 'approve' ? 'Give a reason for approving despite the review flags.' : 'Give a reason.';
  if (kind !== 'approve' && text.length < 3) return 'Give a reason of at least 3 characters.';
  return null;
}
