import { DialogActions, Modal } from '../components/Modal.js';
import { shortcutsFor } from './shortcuts.js';

/** The `?` list: every key of the queue, in a table; Escape or Close leaves it. */
export function ShortcutsDialog({ canDecide, onClose }: { canDecide: boolean; onClose: () => void }) {
  return (
    <Modal title="Keyboard shortcuts" onClose={onClose}>
      <table className="shortcuts" aria-label="Keyboard shortcuts">
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">What it does</th>
          </tr>
        </thead>
        <tbody>
          {shortcutsFor(canDecide).map((s) => (
            <tr key={`${s.keys.join('+')}-${s.what}`}>
              <td className="nowrap">
                {s.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 && ' or '}
                    <kbd>{k}</kbd>
                  </span>
                ))}
              </td>
              <td>{s.what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <DialogActions onClose={onClose} closeText="Close" />
    </Modal>
  );
}
