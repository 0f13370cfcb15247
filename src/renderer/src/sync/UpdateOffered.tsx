import type { UpdateOffer } from '../../../shared/contract/sync.js';

/**
 * The update the central service offers a desk it refuses as too old: in browser mode the
 * installer downloads from the service; the desktop app installs it from Help, Check for updates.
 */
export function UpdateOffered({ offer }: { offer: UpdateOffer }) {
  return (
    <span className="sync-note">
      {offer.message}{' '}
      {offer.downloadUrl && (
        <>
          <a href={offer.downloadUrl} download>
            Download the update
          </a>{' '}
          (in the desktop app: Help, Check for updates).
        </>
      )}
    </span>
  );
}
