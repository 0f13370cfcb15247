import { runQuery } from '../api/client.js';
import { plural } from '../shell/labels.js';
import { PdfButtons } from './PdfButtons.js';

/** Prints or downloads the certificates (with their QR codes) of one or more licences. */
export function CertificatesButton({ licenceIds, label }: { licenceIds: string[]; label: string }) {
  return (
    <PdfButtons
      make={() => runQuery('licence.certificatesPdf', { licenceIds })}
      printLabel={label}
      downloadLabel={licenceIds.length === 1 ? 'Download certificate' : 'Download certificates'}
      what={plural(licenceIds.length, 'certificate')}
      disabled={licenceIds.length === 0}
    />
  );
}
