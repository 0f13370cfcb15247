import { describe, expect, it } from 'vitest';
import {
  allowedActions,
  APPLICATION_STATES,
  nextState,
  refusalMessage,
  type ApplicationAction,
  type ApplicationState,
} from '../../../src/shared/applicationState.js';

const ACTIONS: ApplicationAction[] = ['approve', 'reject', 'return', 'resubmit', 'settle', 'license'];

/** DOMAIN.md "Renewal application", written out: the only moves there are. */
const ALLOWED: [ApplicationState, ApplicationAction, ApplicationState][] = [
  ['submitted', 'approve', 'approved'],
  ['submitted', 'reject', 'rejected'],
  ['submitted', 'return', 'returned'],
  ['returned', 'resubmit', 'submitted'],
  ['approved', 'settle', 'paid'],
  ['paid', 'license', 'licensed'],
];

const FORBIDDEN: [ApplicationState, ApplicationAction][] = [];
for (const from of ['submitted', 'approved', 'rejected', 'returned', 'paid', 'licensed'] as ApplicationState[]) {
  for (const action of ACTIONS) {
    if (!ALLOWED.some(([f, a]) => f === from && a === action)) FORBIDDEN.push([from, action]);
  }
}

describe('application states', () => {
  it('are the six states of the renewal workflow', () => {
    expect([...APPLICATION_STATES]).toEqual(['submitted', 'approved', 'rejected', 'returned', 'paid', 'licensed']);
  });

  it.each(ALLOWED)('a %s application can be %s, and becomes %s', (from, action, to) => {
    expect(nextState(from, action)).toBe(to);
  });

  it('every other pairing of state and action is forbidden (30 of them)', () => {
    expect(FORBIDDEN).toHaveLength(30);
  });

  it.each(FORBIDDEN)('a %s application cannot be moved by %s', (from, action) => {
    expect(nextState(from, action)).toBeNull();
  });

  it.each([
    ['submitted', ['approve', 'reject', 'return']],
    ['returned', ['resubmit']],
    ['approved', ['settle']],
    ['paid', ['license']],
    ['rejected', []],
    ['licensed', []],
  ] as [ApplicationState, ApplicationAction[]][])('a %s application offers exactly: %j', (from, actions) => {
    expect(allowedActions(from)).toEqual(actions);
  });

  it('a rejected application is final', () => {
    for (const action of ACTIONS) expect(nextState('rejected', action)).toBeNull();
  });

  it('an approved application can no longer be rejected or returned', () => {
    expect(nextState('approved', 'reject')).toBeNull();
    expect(nextState('approved', 'return')).toBeNull();
    expect(nextState('approved', 'approve')).toBeNull();
  });

  it('a licence is issued only after payment', () => {
    expect(nextState('approved', 'license')).toBeNull();
    expect(nextState('submitted', 'license')).toBeNull();
  });

  it('a returned application goes through review again after it is resubmitted', () => {
    expect(nextState('returned', 'approve')).toBeNull();
    const resubmitted = nextState('returned', 'resubmit');
    expect(resubmitted).toBe('submitted');
    expect(nextState(resubmitted!, 'approve')).toBe('approved');
  });
});

describe('refusing a move', () => {
  it('says which state the application is in and what cannot be done', () => {
    expect(refusalMessage('approved', 'reject')).toBe('This application is approved, so it cannot be rejected.');
    expect(refusalMessage('rejected', 'approve')).toBe('This application is rejected, so it cannot be approved.');
    expect(refusalMessage('licensed', 'return')).toBe('This application is licensed, so it cannot be returned.');
    expect(refusalMessage('submitted', 'settle')).toBe('This application is submitted, so it cannot be settled.');
    expect(refusalMessage('approved', 'license')).toBe('This application is approved, so it cannot be licensed.');
    expect(refusalMessage('paid', 'resubmit')).toBe('This application is paid, so it cannot be resubmitted.');
  });

  it.each(FORBIDDEN)('the refusal for a %s application asked to %s mentions the state', (from, action) => {
    const message = refusalMessage(from, action);
    expect(message).toContain(`is ${from},`);
    expect(message).toMatch(/^This application is [a-z]+, so it cannot be [a-z]+\.$/);
  });
});
