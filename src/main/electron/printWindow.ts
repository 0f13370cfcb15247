/** Print in the desktop: a hidden window loads the PDF and opens the system print dialog on it. */
import { BrowserWindow } from 'electron';
import type { Logger } from '../log/logger.js';
import { printDialogShown, printWindowOptions } from './printWindowOptions.js';

/** True when the print dialog was shown (printed or cancelled); false when printing failed. */
export async function printPdfInWindow(file: string, log: Logger): Promise<boolean> {
  const win = new BrowserWindow(printWindowOptions());
  try {
    // Resolves once the PDF viewer has loaded the file (electron/electron#43309: print targets its frame).
    await win.loadFile(file);
    return await new Promise<boolean>((resolve) => {
      win.webContents.print({ silent: false }, (success, failureReason) => {
        const shown = printDialogShown(success, failureReason);
        if (!shown) log.warn({ failureReason }, 'print: the print dialog failed');
        resolve(shown);
      });
    });
  } catch (err) {
    log.warn({ err }, 'print: the print window could not load the PDF');
    return false;
  } finally {
    if (!win.isDestroyed()) win.close();
  }
}
