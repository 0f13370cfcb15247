import { useMutation } from '@tanstack/react-query';
import { runQuery } from '../api/client.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { useAnnounce } from '../shell/Announcer.js';
import { plural } from '../shell/labels.js';
import { savePdf } from './download.js';

/** Downloads the printable certificates (with their QR codes) of one or more licences. */
export function CertificatesButton({ licenceIds, label }: { licenceIds: string[]; label: string }) {
  const announce = useAnnounce();
  const print = useMutation({
    mutationFn: () => runQuery('licence.certificatesPdf', { licenceIds }),
    onSuccess: (file) => {
      savePdf(file);
      announce(`${plural(licenceIds.length, 'certificate')} ready to print: ${file.fileName}.`);
    },
  });
  return (
    <>
      <button type="button" onClick={() => print.mutate()} disabled={print.isPending || licenceIds.length === 0}>
        {label}
      </button>
      <ErrorAlert error={print.error} />
    </>
  );
}
