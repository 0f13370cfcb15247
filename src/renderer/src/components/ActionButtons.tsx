import type { ButtonHTMLAttributes, ReactNode } from 'react';

interface Props<K extends string> {
  /** The group's accessible name, e.g. "Licence actions". */
  label: string;
  kinds: readonly K[];
  /** A button's name. */
  name: (kind: K) => ReactNode;
  /** The action whose form is open: its button shows pressed. */
  pressed: string | null | undefined;
  onPress: (kind: K) => void;
  /** More attributes for a button (a title, a shortcut). */
  more?: (kind: K) => ButtonHTMLAttributes<HTMLButtonElement>;
  /** Other controls in the group. */
  children?: ReactNode;
}

/** The actions of a detail panel's item: one toggle button each, the open one pressed. */
export function ActionButtons<K extends string>({ label, kinds, name, pressed, onPress, more, children }: Props<K>) {
  return (
    <div className="decision-actions" role="group" aria-label={label}>
      {kinds.map((kind) => (
        <button key={kind} type="button" {...more?.(kind)} aria-pressed={pressed === kind} onClick={() => onPress(kind)}>
          {name(kind)}
        </button>
      ))}
      {children}
    </div>
  );
}
