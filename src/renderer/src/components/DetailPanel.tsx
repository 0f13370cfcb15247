import type { ReactNode } from 'react';
import { ErrorAlert } from './ErrorAlert.js';

interface Props<T> {
  /** The panel's accessible name, e.g. "Licence details". */
  label: string;
  /** Extra class beside `detail-panel`. */
  className?: string;
  /** The item's query: busy while it fetches; its error shows instead of the item. */
  query: { isFetching: boolean; error: unknown };
  /** The loaded item, or undefined while it loads. */
  item: T | undefined;
  /** Shown while the item loads, e.g. "Loading the licence…". */
  loadingText: string;
  onClose: () => void;
  /** The panel's content once the item is loaded. */
  children: (item: T) => ReactNode;
}

/** The frame of a grid's detail panel: Close details, then the error, a loading line, or the item. */
export function DetailPanel<T>({ label, className, query, item, loadingText, onClose, children }: Props<T>) {
  const { isFetching: busy, error } = query;
  return (
    <aside className={className ? `detail-panel ${className}` : 'detail-panel'} aria-label={label} aria-busy={busy || undefined}>
      <PanelBar onClose={onClose} />
      {error ? <ErrorAlert error={error} /> : item ? children(item) : <p className="muted">{loadingText}</p>}
    </aside>
  );
}

/** The bar atop a detail panel, with its Close details button. */
export function PanelBar({ onClose }: { onClose: () => void }) {
  return (
    <div className="panel-bar">
      <button type="button" className="quiet" onClick={onClose} title="Close the details">
        Close details
      </button>
    </div>
  );
}
