/** DOMAIN.md "Renewal application": the states and the moves between them. */
export const APPLICATION_STATES = ['submitted', 'approved', 'rejected', 'returned', 'paid', 'licensed'] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];

export type ApplicationAction = 'approve' | 'reject' | 'return' | 'resubmit' | 'settle' | 'license';

const MOVES: Record<ApplicationAction, { from: readonly ApplicationState[]; to: ApplicationState }> = {
  approve: { from: ['submitted'], to: 'approved' },
  reject: { from: ['submitted'], to: 'rejected' },
  return: { from: ['submitted'], to: 'returned' },
  resubmit: { from: ['returned'], to: 'submitted' },
  settle: { from: ['approved'], to: 'paid' },
  license: { from: ['paid'], to: 'licensed' },
};

export function nextState(from: ApplicationState, action: ApplicationAction): ApplicationState | null {
  const move = MOVES[action];
  return move.from.includes(from) ? move.to : null;
}

export function allowedActions(from: ApplicationState): ApplicationAction[] {
  return (Object.keys(MOVES) as ApplicationAction[]).filter((a) => MOVES[a].from.includes(from));
}

const PAST: Record<ApplicationAction, string> = {
  approve: 'approved',
  reject: 'rejected',
  return: 'returned',
  resubmit: 'resubmitted',
  settle: 'settled',
  license: 'licensed',
};

/** "This application was already approved, so it cannot be rejected." */
export function refusalMessage(from: ApplicationState, action: ApplicationAction): string {
  const verb = action === 'return' ? 'returned' : PAST[action];
  return `This application is ${from}, so it cannot be ${verb}.`;
}
