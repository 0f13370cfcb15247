import { useEffect, useRef } from 'react';

export interface QueueKeyHandlers {
  move: (delta: 1 | -1) => void;
  open: () => void;
  decide: (kind: 'approve' | 'reject' | 'return') => void;
  /** `?`: list every shortcut. */
  listShortcuts: () => void;
}

const TYPING = 'input, textarea, select, [contenteditable="true"]';
const ACTIVATES = 'button, a[href], summary, [role="button"]';

/**
 * The queue's keys: ArrowUp/ArrowDown (or k/j) move the selected row, Enter opens it,
 * a / r / t start Approve / Reject / Return, ? lists them all. Keys typed into fields are left alone.
 */
export function useQueueKeys(handlers: QueueKeyHandlers, enabled: boolean): void {
  const ref = useRef(handlers);
  ref.current = handlers;

  useEffect(() => {
    if (!enabled) return;
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target instanceof Element ? event.target : null;
      if (target?.closest(TYPING) || target?.closest('dialog[open]')) return;
      const h = ref.current;
      switch (event.key) {
        case 'ArrowDown':
        case 'j':
          event.preventDefault();
          h.move(1);
          break;
        case 'ArrowUp':
        case 'k':
          event.preventDefault();
          h.move(-1);
          break;
        case 'Enter':
          // Enter on a button or link does what that control says.
          if (target?.closest(ACTIVATES)) return;
          event.preventDefault();
          h.open();
          break;
        case 'a':
          event.preventDefault();
          h.decide('approve');
          break;
        case 'r':
          event.preventDefault();
          h.decide('reject');
          break;
        case 't':
          event.preventDefault();
          h.decide('return');
          break;
        case '?':
          event.preventDefault();
          h.listShortcuts();
          break;
      }
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}
