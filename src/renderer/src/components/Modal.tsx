import { useEffect, useRef, type ReactNode } from 'react';

interface ModalProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
}

/** A native modal <dialog>: focus stays inside, Escape closes. Rendered only while open. */
export function Modal({ title, onClose, children }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const close = useRef(onClose);
  close.current = onClose;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    const onCancel = (event: Event) => {
      event.preventDefault();
      close.current();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
    };
  }, []);

  return (
    <dialog ref={ref} className="modal" aria-labelledby="modal-title">
      <h2 id="modal-title">{title}</h2>
      {children}
    </dialog>
  );
}

interface ActionsProps {
  onClose: () => void;
  /** The text of the button that leaves the dialog: Close, or Cancel when the dialog asks something. */
  closeText: string;
  /** The dialog's own buttons, before it. */
  children?: ReactNode;
}

/** A dialog's row of buttons, ending with the one that leaves it. */
export function DialogActions({ onClose, closeText, children }: ActionsProps) {
  return (
    <div className="actions">
      {children}
      <button type="button" onClick={onClose}>
        {closeText}
      </button>
    </div>
  );
}
