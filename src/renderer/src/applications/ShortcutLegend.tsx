/** The queue's keyboard shortcuts, on screen. */
export function ShortcutLegend({ canDecide }: { canDecide: boolean }) {
  return (
    <p className="legend">
      Keys: <kbd>↑</kbd>/<kbd>↓</kbd> or <kbd>k</kbd>/<kbd>j</kbd> move · <kbd>Enter</kbd> open
      {canDecide && (
        <>
          {' '}
          · <kbd>a</kbd> approve · <kbd>r</kbd> reject · <kbd>t</kbd> return the highlighted application · <kbd>Esc</kbd> cancel
        </>
      )}
    </p>
  );
}
