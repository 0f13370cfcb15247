import type { ReactNode } from 'react';

interface Props {
  /** The primary submit button's text. */
  label: ReactNode;
  disabled: boolean;
  /** Adds a Cancel button that calls it. */
  onCancel?: () => void;
  /** Further buttons after these. */
  children?: ReactNode;
}

/** A form's actions row: its primary submit button, then Cancel if the form can be left. */
export function SubmitActions({ label, disabled, onCancel, children }: Props) {
  return (
    <div className="actions">
      <button type="submit" className="primary" disabled={disabled}>
        {label}
      </button>
      {onCancel && (
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      )}
      {children}
    </div>
  );
}
