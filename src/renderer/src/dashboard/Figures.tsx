import type { ReactNode } from 'react';

/** A count with its meaning; a link to the grid behind it when there is one. */
export function Figure({ label, count, href, note }: { label: string; count: number; href?: string | undefined; note?: ReactNode }) {
  const body = (
    <>
      <span className="dash-value">{count.toLocaleString('en-KE')}</span> <span className="dash-label">{label}</span>
    </>
  );
  return (
    <li className="dash-figure">
      {href ? <a href={href}>{body}</a> : <span>{body}</span>}
      {note && <span className="dash-note">{note}</span>}
    </li>
  );
}

export interface Bar {
  label: string;
  count: number;
  href?: string | undefined;
  /** Said after the count, e.g. "80% of submitted". */
  note?: string;
}

/** A bar chart in CSS: every bar has its label and count as text; the bar itself is decoration. */
export function BarList({ label, bars }: { label: string; bars: readonly Bar[] }) {
  const max = Math.max(1, ...bars.map((b) => b.count));
  return (
    <ul className={`dash-bars${bars.some((b) => b.note) ? ' with-notes' : ''}`} aria-label={label}>
      {bars.map((b) => {
        const body = (
          <>
            <span className="bar-label">{b.label}</span>{' '}
            <span className="bar-track" aria-hidden="true">
              <span className="bar" style={{ width: `${(b.count / max) * 100}%` }} />
            </span>
            <span className="bar-count">
              {b.count.toLocaleString('en-KE')}
              {b.note && <span className="bar-note"> ({b.note})</span>}
            </span>
          </>
        );
        return <li key={b.label}>{b.href ? <a href={b.href}>{body}</a> : <span className="bar-row">{body}</span>}</li>;
      })}
    </ul>
  );
}
