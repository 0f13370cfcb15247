import { useApiQuery } from '../api/hooks.js';
import { DetailItem } from '../components/DetailItem.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { DialogActions, Modal } from '../components/Modal.js';

/** Help, About: the product, its version, and where this desk keeps its data. */
export function AboutDialog({ onClose }: { onClose: () => void }) {
  const about = useApiQuery('desk.about', {});
  return (
    <Modal title="About KMLTTB Licensing Desk" onClose={onClose}>
      <ErrorAlert error={about.error} />
      {about.isPending && <p className="muted">Loading…</p>}
      {about.data && (
        <dl className="dl">
          <DetailItem term="Product">{about.data.productName}</DetailItem>
          <DetailItem term="Version">{about.data.version}</DetailItem>
          <DetailItem term="Data folder">
            <span className="mono">{about.data.dataDir}</span>
          </DetailItem>
        </dl>
      )}
      <DialogActions onClose={onClose} closeText="Close" />
    </Modal>
  );
}
