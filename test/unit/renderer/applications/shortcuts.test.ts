import { describe, expect, it } from 'vitest';
import { shortcutsFor } from '../../../../src/renderer/src/applications/shortcuts.js';
import { isConfirmKey } from '../../../../src/renderer/src/components/confirmKey.js';

describe('the queue’s shortcuts', () => {
  it('an officer’s list holds every key of the queue, the decisions and their confirm key included', () => {
    const keys = shortcutsFor(true).flatMap((s) => s.keys);
    for (const key of ['↑', 'k', '↓', 'j', 'Enter', 'a', 'r', 't', 'Ctrl+Enter', 'Esc', '?']) expect(keys, key).toContain(key);
  });

  it('someone who may not decide is not offered the decision keys', () => {
    const keys = shortcutsFor(false).flatMap((s) => s.keys);
    for (const key of ['a', 'r', 't', 'Ctrl+Enter']) expect(keys, key).not.toContain(key);
    expect(keys).toEqual(expect.arrayContaining(['Enter', 'Esc', '?']));
  });
});

describe('the confirm key', () => {
  it('is Enter with Ctrl, or with ⌘ on macOS', () => {
    expect(isConfirmKey({ key: 'Enter', ctrlKey: true, metaKey: false })).toBe(true);
    expect(isConfirmKey({ key: 'Enter', ctrlKey: false, metaKey: true })).toBe(true);
  });

  it('Enter alone (a new line in Reason) or Ctrl with another key does not confirm', () => {
    expect(isConfirmKey({ key: 'Enter', ctrlKey: false, metaKey: false })).toBe(false);
    expect(isConfirmKey({ key: 'a', ctrlKey: true, metaKey: false })).toBe(false);
  });
});
