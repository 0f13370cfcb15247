import type { ReactNode } from 'react';

/** One term and its value in a `<dl className="dl">`; an empty value shows as a dash. */
export function DetailItem({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="dl-item">
      <dt>{term}</dt>
      <dd>{children === '' || children === null || children === undefined ? '—' : children}</dd>
    </div>
  );
}

/** A titled section of DetailItems; its title is its accessible name. */
export function DetailList({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title}>
      <h3>{title}</h3>
      <dl className="dl">{children}</dl>
    </section>
  );
}
