import { useMutation } from '@tanstack/react-query';
import type { BatchRow } from '../../../shared/contract/licences.js';
import { runQuery } from '../api/client.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { useAnnounce } from '../shell/Announcer.js';
import { savePdf } from './download.js';

/** Downloads a batch's manifest PDF (the list that travels with the batch). */
export function ManifestButton({ batch }: { batch: BatchRow }) {
  const announce = useAnnounce();
  const download = useMutation({
    mutationFn: () => runQuery('batch.manifestPdf', { batchId: batch.id }),
    onSuccess: (file) => {
      savePdf(file);
      announce(`Manifest of batch ${batch.batchNo} downloaded as ${file.fileName}.`);
    },
  });
  return (
    <>
      <button type="button" onClick={() => download.mutate()} disabled={download.isPending}>
        Download manifest
      </button>
      <ErrorAlert error={download.error} />
    </>
  );
}
