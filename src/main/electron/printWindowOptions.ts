/**
 * The hidden print window's options (printWindow.ts), a pure function beside the main window's
 * so that a unit test can assert each setting. The window shows a PDF the desk wrote, in
 * Chromium's PDF viewer (hence `plugins`), and nothing else: no preload, so the page has no
 * bridge to the desk; the navigation, new-window and permission guards of security.ts hold for
 * it as for every webContents. It stays in the default session: Chromium's PDF viewer does not
 * load in a non-persistent partition (electron/electron#27121).
 */
import { HARDENED_PREFERENCES } from './windowOptions.js';

export function printWindowOptions() {
  return {
    width: 800,
    height: 1000,
    title: 'Print — KMLTTB Licensing Desk',
    // Only the system print dialog is seen.
    show: false,
    skipTaskbar: true,
    webPreferences: { ...HARDENED_PREFERENCES, devTools: false, plugins: true },
  };
}

/**
 * What `webContents.print`'s callback means for the person: the dialog was shown whether they
 * printed or cancelled; any other failure means it was not, and the PDF viewer is the way left.
 */
export function printDialogShown(success: boolean, failureReason: string): boolean {
  return success || failureReason === 'Print job canceled';
}
