import type { ReactNode } from 'react';
import { EmptyRow } from './EmptyRow.js';

/** A column heading: its text, or its content and its class (e.g. 'num'). */
export type Heading = string | { label: ReactNode; className?: string };

interface Props {
  /** Accessible name of the table. */
  label: string;
  headings: readonly Heading[];
  /** Shown as the one row while there are none (`loading`: still coming). */
  empty?: { text: string; loading?: boolean } | false;
  busy?: boolean;
  /** Classes beside `table-wrap` on the frame; null: no frame. */
  frame?: string | null;
  className?: string;
  /** The rows. */
  children: ReactNode;
}

/** A small table the screen fills itself (no sorting or paging): a frame, column headers, its rows. */
export function SimpleTable({ label, headings, empty, busy, frame = '', className, children }: Props) {
  const table = (
    <table aria-label={label} className={className}>
      <thead>
        <tr>
          {headings.map((h, i) => (
            <th key={i} scope="col" className={typeof h === 'string' ? undefined : h.className}>
              {typeof h === 'string' ? h : h.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {empty && <EmptyRow columns={headings.length} loading={empty.loading ?? false} text={empty.text} />}
        {children}
      </tbody>
    </table>
  );
  if (frame === null) return table;
  return (
    <div className={frame ? `table-wrap ${frame}` : 'table-wrap'} aria-busy={busy || undefined}>
      {table}
    </div>
  );
}
