import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Locator, Page } from 'playwright-core';
import { waitFor } from './ui.js';

export function openScreen(page: Page, link: string): Promise<void> {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link, exact: true }).click();
}

/** The Nairobi calendar month holding an ISO time: its month `YYYY-MM`, first and last day. */
export function nairobiMonthOf(iso: string): { month: string; from: string; to: string } {
  const month = new Date(Date.parse(iso) + 3 * 3600_000).toISOString().slice(0, 7);
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { month, from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** Clicks a button that hands over a file, and keeps the download in `dir`. */
export async function downloadBy(page: Page, button: Locator, dir: string): Promise<{ file: string; name: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const name = download.suggestedFilename();
  const file = path.join(dir, name);
  await download.saveAs(file);
  return { file, name };
}

/** The first sheet of an XLSX file: its name, header and data rows as cell values. */
export async function readXlsx(file: string): Promise<{ sheet: string; header: string[]; rows: ExcelJS.CellValue[][] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0]!;
  const values = (r: number) => (ws.getRow(r).values as ExcelJS.CellValue[]).slice(1);
  const rows: ExcelJS.CellValue[][] = [];
  for (let r = 2; r <= ws.rowCount; r++) rows.push(values(r));
  return { sheet: ws.name, header: values(1).map(String), rows };
}

/** The files of finished exports kept in the data folder until saved. */
export function exportFiles(dataDir: string, ext: string): string[] {
  const dir = path.join(dataDir, 'exports');
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(`.${ext}`)) : [];
}

/** The export panel's state once it stops running: the line it shows. */
export async function exportOutcome(page: Page): Promise<string> {
  const panel = page.getByRole('region', { name: 'Export' });
  return waitFor(
    async () =>
      (
        await panel
          .locator('.export-job')
          .innerText()
          .catch(() => '')
      ).trim(),
    (t) => /Ready:|cancelled|failed/.test(t),
    'the export to finish or stop',
    30_000,
  );
}
