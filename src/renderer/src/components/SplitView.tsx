import type { ReactNode } from 'react';

interface Props {
  /** The screen's own class for the split, if it has one. */
  className?: string;
  /** The open record's panel, beside the grid; nothing when none is open. */
  panel: ReactNode;
  children: ReactNode;
}

/** A screen's grid pane, and the panel of the record open in it. */
export function SplitView({ className, panel, children }: Props) {
  return (
    <div className={['split', className, panel ? 'with-panel' : ''].filter(Boolean).join(' ')}>
      <div className="grid-pane">{children}</div>
      {panel}
    </div>
  );
}
