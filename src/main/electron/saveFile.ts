import { BrowserWindow, dialog } from 'electron';
import fs from 'node:fs';

/** Asks where to save a finished export (the Save dialog of the focused window) and copies it there. */
export async function saveFile(sourcePath: string, fileName: string): Promise<boolean> {
  const window = BrowserWindow.getFocusedWindow();
  const options = { defaultPath: fileName, title: 'Save the report' };
  const choice = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  if (choice.canceled || !choice.filePath) return false;
  await fs.promises.copyFile(sourcePath, choice.filePath);
  return true;
}
