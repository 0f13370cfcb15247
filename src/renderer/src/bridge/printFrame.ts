/**
 * Browser mode's Print: the PDF in a hidden frame of this page, whose print() opens the
 * browser's print dialog for the PDF itself (not the page). One frame at a time; the last one
 * stays until the next print so that the dialog keeps its document.
 */
export function printInFrame(file: { fileName: string; dataBase64: string }): void {
  document.querySelector('iframe[data-print-frame]')?.remove();
  const bytes = Uint8Array.from(atob(file.dataBase64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
  const frame = document.createElement('iframe');
  frame.dataset.printFrame = file.fileName;
  frame.title = `${file.fileName} (for printing)`;
  frame.setAttribute('aria-hidden', 'true');
  frame.tabIndex = -1;
  frame.style.cssText = 'position:fixed;right:0;bottom:0;width:1px;height:1px;border:0;opacity:0';
  frame.addEventListener('load', () => {
    frame.contentWindow?.focus();
    frame.contentWindow?.print();
    window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
  });
  frame.src = url;
  document.body.append(frame);
}
