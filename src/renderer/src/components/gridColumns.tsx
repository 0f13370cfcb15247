import type { ComponentType, ReactNode } from 'react';
import { formatKes } from '../../../shared/money.js';
import { formatNairobi } from '../../../shared/time.js';
import type { GridColumnMeta } from './serverTable.js';

/** What a cell renderer reads of its cell (TanStack's cell context has more). */
interface Cell<V> {
  getValue: () => V;
}

/**
 * The first cell of a row that opens on click: a button makes that reachable by keyboard.
 * `show` turns the value into its text (default: as it is).
 */
export function openCell<V>(title: string, show: (value: V) => ReactNode = (v) => v as ReactNode) {
  return (c: Cell<V>) => (
    <button type="button" className="link-button" title={title}>
      {show(c.getValue())}
    </button>
  );
}

/** A time shown in Nairobi time, on one line. */
export function dateColumn(header: string, meta: GridColumnMeta = {}) {
  return { header, meta: { className: 'nowrap', ...meta }, cell: (c: Cell<string | null | undefined>) => formatNairobi(c.getValue()) };
}

/** Cents shown as KES, right-aligned on one line. */
export function moneyColumn(header: string) {
  return { header, meta: { className: 'num nowrap' }, cell: (c: Cell<number>) => formatKes(c.getValue()) };
}

/** A state shown as its badge. */
export function stateCell<S>(Badge: ComponentType<{ state: S }>) {
  return (c: Cell<S>) => <Badge state={c.getValue()} />;
}

/** A value that may be missing: a dash then. */
export function orDash(c: Cell<ReactNode>): ReactNode {
  return c.getValue() ?? '—';
}
