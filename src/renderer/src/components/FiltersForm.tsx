import type { ChangeEvent, ReactNode } from 'react';
import { DateField } from './DateField.js';

type TextKey<F> = { [K in keyof F]: F[K] extends string ? K : never }[keyof F];

/**
 * Field bindings for a filters bar: `set(key, value)`, and `bind(key)` giving the `value` and
 * `onChange` of an input or select that edits one text filter.
 */
export function filterFields<F extends object>(filters: F, onChange: (next: F) => void) {
  const set = <K extends keyof F>(key: K, value: F[K]) => onChange({ ...filters, [key]: value });
  const bind = <K extends TextKey<F>>(key: K) => ({
    value: filters[key] as string,
    // The options of a select are the values its filter allows.
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => set(key, e.target.value as F[K]),
  });
  return { set, bind };
}

interface Props<F> {
  /** The form's accessible name. */
  label: string;
  filters: F;
  /** The filters the reset button returns to. */
  reset: F;
  onChange: (next: F) => void;
  resetText?: string;
  resetTitle?: string;
  children: ReactNode;
}

/** The search form above a grid, with a button back to its starting filters (off while they are the starting ones). */
export function FiltersForm<F>({ label, filters, reset, onChange, resetText = 'Clear filters', resetTitle, children }: Props<F>) {
  return (
    <form className="filters" role="search" aria-label={label} onSubmit={(e) => e.preventDefault()}>
      {children}
      <button type="button" onClick={() => onChange(reset)} disabled={JSON.stringify(filters) === JSON.stringify(reset)} title={resetTitle}>
        {resetText}
      </button>
    </form>
  );
}

interface RangeProps {
  from: string;
  to: string;
  onChange: (range: { from: string; to: string }) => void;
  /** What is wrong with the range, if anything. */
  problem: string | null;
}

/** From and To days, written dd/mm/yyyy; the caller names a range that ends before it starts. */
export function DateRangeFields({ from, to, onChange, problem }: RangeProps) {
  return (
    <>
      <DateField label="From" value={from} onChange={(day) => onChange({ from: day, to })} />
      <DateField label="To" value={to} onChange={(day) => onChange({ from, to: day })} error={problem ?? undefined} />
    </>
  );
}

interface CheckProps {
  id: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}

/** A checkbox with its label after it. */
export function CheckboxField({ id, label, checked, onChange }: CheckProps) {
  return (
    <div className="field checkbox">
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}
