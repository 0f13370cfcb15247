import { useMutation } from '@tanstack/react-query';
import type { PdfFile } from '../../../shared/contract/licences.js';
import { bridge, unwrap } from '../api/client.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { useAnnounce } from '../shell/Announcer.js';
import { savePdf } from './download.js';

interface PdfButtonsProps {
  /** Makes the PDF (a query). */
  make(): Promise<PdfFile>;
  printLabel: string;
  downloadLabel: string;
  /** What the PDF is, for the announcements ("Manifest of batch NRB-2026-0001"). */
  what: string;
  disabled?: boolean;
}

/**
 * Print and Download for a PDF the desk makes: Print opens the print dialog (the browser's in
 * browser mode, the system's in the desktop, or its PDF viewer when that fails: bridge.printPdf);
 * Download saves the file.
 */
export function PdfButtons({ make, printLabel, downloadLabel, what, disabled }: PdfButtonsProps) {
  const announce = useAnnounce();
  const print = useMutation({
    mutationFn: async () => {
      const file = await make();
      return { file, opened: unwrap(await bridge().printPdf(file)).opened };
    },
    onSuccess: ({ file, opened }) =>
      announce(opened === 'print-dialog' ? `${what}: sent to the print dialog.` : `${what} opened in the PDF viewer (${file.fileName}): print it from there.`),
  });
  const download = useMutation({
    mutationFn: make,
    onSuccess: (file) => {
      savePdf(file);
      announce(`${what} downloaded as ${file.fileName}.`);
    },
  });
  const busy = print.isPending || download.isPending;
  return (
    <>
      <button type="button" onClick={() => print.mutate()} disabled={busy || disabled}>
        {printLabel}
      </button>
      <button type="button" onClick={() => download.mutate()} disabled={busy || disabled}>
        {downloadLabel}
      </button>
      <ErrorAlert error={print.error ?? download.error} />
    </>
  );
}
