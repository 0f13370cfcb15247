import type { ReactNode } from 'react';
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
