import { confirmKeyName } from '../components/confirmKey.js';

/** The queue's main keys, on screen; `?` lists them all. */
export function ShortcutLegend({ canDecide }: { canDecide: boolean }) {
  return (
    <p className="legend">
      Keys: <kbd>↑</kbd>/<kbd>↓</kbd> or <kbd>k</kbd>/<kbd>j</kbd> move · <kbd>Enter</kbd> open
      {canDecide && (
        <>
          {' '}
          · <kbd>a</kbd> approve · <kbd>r</kbd> reject · <kbd>t</kbd> return the highlighted application · <kbd>{confirmKeyName()}</kbd> confirm ·{' '}
          <kbd>Esc</kbd> cancel
        </>
      )}{' '}
      · <kbd>?</kbd> all shortcuts
    </p>
  );
}
