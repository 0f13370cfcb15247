/** Ctrl+Enter, or ⌘+Enter on macOS: the key that confirms a form from its text field. */
export function isConfirmKey(event: { key: string; ctrlKey: boolean; metaKey: boolean }): boolean {
  return event.key === 'Enter' && (event.ctrlKey || event.metaKey);
}

function onMac(): boolean {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
}

/** The confirm key as this computer's keyboard names it. */
export function confirmKeyName(): string {
  return onMac() ? '⌘+Enter' : 'Ctrl+Enter';
}

/** The confirm key for `aria-keyshortcuts`. */
export function confirmKeyAria(): string {
  return onMac() ? 'Meta+Enter' : 'Control+Enter';
}
