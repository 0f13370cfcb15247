import { useState, type ReactNode } from 'react';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { Modal } from '../components/Modal.js';

interface Props {
  title: string;
  children: ReactNode;
  onConfirm: () => void;
  onCancel: () => void;
  pending?: boolean;
  error?: unknown;
}

/** Asks before a change that cannot simply be undone: Confirm or Cancel (Escape). */
export function ConfirmDialog({ title, children, onConfirm, onCancel, pending, error }: Props) {
  return (
    <Modal title={title} onClose={onCancel}>
      {children}
      <ErrorAlert error={error} />
      <div className="actions">
        <button type="button" className="primary" onClick={onConfirm} disabled={pending}>
          Confirm
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </Modal>
  );
}

/** The screen behind an open dialog: hidden from assistive technology and out of reach of the keyboard. */
export function Behind({ dialogOpen, children }: { dialogOpen: boolean; children: ReactNode }) {
  return (
    <div className="behind-dialog" aria-hidden={dialogOpen || undefined} inert={dialogOpen || undefined}>
      {children}
    </div>
  );
}

interface AskFirstProps {
  /** The button's text, and the dialog's title. */
  label: string;
  disabled: boolean;
  /** The command the dialog sends: its state shows in the dialog, and is reset as the dialog opens. */
  command: { reset: () => void; isPending: boolean; error: unknown };
  /** Sends the command; the dialog closes once it is done, and shows its error if it fails. */
  onConfirm: () => Promise<unknown>;
  /** The question the dialog asks. */
  children: ReactNode;
}

/** A primary button that asks in a ConfirmDialog before it acts. */
export function AskFirstButton({ label, disabled, command, onConfirm, children }: AskFirstProps) {
  const [asking, setAsking] = useState(false);
  const close = () => setAsking(false);
  return (
    <>
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={disabled}
          onClick={() => {
            command.reset();
            setAsking(true);
          }}
        >
          {label}
        </button>
      </div>
      {asking && (
        <ConfirmDialog
          title={label}
          onConfirm={() => void onConfirm().then(close, () => undefined)}
          onCancel={close}
          pending={command.isPending}
          error={command.error}
        >
          {children}
        </ConfirmDialog>
      )}
    </>
  );
}
