import { confirmKeyName } from '../components/confirmKey.js';

export interface Shortcut {
  keys: string[];
  what: string;
  /** Only for those who may decide applications. */
  decides?: boolean;
}

/** Every key of the applications queue: the legend and the `?` list both read this. */
export function queueShortcuts(): Shortcut[] {
  return [
    { keys: ['↑', 'k'], what: 'Highlight the previous application' },
    { keys: ['↓', 'j'], what: 'Highlight the next application' },
    { keys: ['Enter'], what: 'Open the highlighted application' },
    { keys: ['a'], what: 'Approve the highlighted application (the focus goes to Reason)', decides: true },
    { keys: ['r'], what: 'Reject the highlighted application (the focus goes to Reason)', decides: true },
    { keys: ['t'], what: 'Return the highlighted application (the focus goes to Reason)', decides: true },
    { keys: [confirmKeyName()], what: 'Confirm the decision, from Reason', decides: true },
    { keys: ['Esc'], what: 'Cancel the decision', decides: true },
    { keys: ['Esc'], what: 'Close this list' },
    { keys: ['?'], what: 'List these shortcuts' },
  ];
}

export function shortcutsFor(canDecide: boolean): Shortcut[] {
  return queueShortcuts().filter((s) => canDecide || !s.decides);
}
