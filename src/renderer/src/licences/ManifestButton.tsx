import type { BatchRow } from '../../../shared/contract/licences.js';
import { runQuery } from '../api/client.js';
import { PdfButtons } from './PdfButtons.js';

/** Prints or downloads a batch's manifest PDF (the list that travels with the batch). */
export function ManifestButton({ batch }: { batch: BatchRow }) {
  return (
    <PdfButtons
      make={() => runQuery('batch.manifestPdf', { batchId: batch.id })}
      printLabel="Print manifest"
      downloadLabel="Download manifest"
      what={`Manifest of batch ${batch.batchNo}`}
    />
  );
}
