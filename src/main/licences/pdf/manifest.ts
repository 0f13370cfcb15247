import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { UserError } from '../../../shared/errors.js';
import { formatNairobi } from '../../../shared/time.js';
import { BOARD_NAME, renderPdf } from './render.js';

interface Line { licence_no: string; holder: string; national_id: string }

/** The batch's manifest: centre, batch number, date, one line per licence, and signature blocks. */
export async function manifestPdf(sqlite: BetterSqlite3.Database, batchId: string): Promise<{ fileName: string; bytes: Buffer; centreId: string }> {
  const batch = sqlite.prepare(
    `SELECT b.batch_no, b.created_at, b.centre_id, c.name AS centre, c.town, u.full_name AS created_by
     FROM dispatch_batches b JOIN centres c ON c.id = b.centre_id LEFT JOIN users u ON u.id = b.created_by WHERE b.id = ?`,
  ).get(batchId) as { batch_no: string; created_at: string; centre_id: string; centre: string; town: string; created_by: string | null } | undefined;
  if (!batch) throw new UserError('not_found', `No batch with id ${batchId}.`);
  const lines = sqlite.prepare(
    `SELECT l.licence_no, trim(p.first_name || ' ' || CASE WHEN p.middle_name <> '' THEN p.middle_name || ' ' ELSE '' END || p.last_name) AS holder, p.national_id
     FROM licences l JOIN practitioners p ON p.id = l.practitioner_id WHERE l.batch_id = ? ORDER BY l.licence_year, l.sequence`,
  ).all(batchId) as Line[];

  const bytes = await renderPdf(`Dispatch manifest ${batch.batch_no}`, (doc) => {
    doc.fontSize(10).text(BOARD_NAME, { align: 'center' });
    doc.moveDown(0.5).fontSize(16).text('Dispatch manifest', { align: 'center' });
    doc.moveDown().fontSize(11);
    doc.text(`Batch: ${batch.batch_no}`);
    doc.text(`Centre: ${batch.centre}, ${batch.town}`);
    doc.text(`Dispatched: ${formatNairobi(batch.created_at)}${batch.created_by ? ` by ${batch.created_by}` : ''}`);
    doc.text(`Licences: ${lines.length}`);
    doc.moveDown();
    const cols = [50, 80, 230, 430];
    const header = (y: number) => {
      doc.font('Helvetica-Bold').fontSize(10);
      ['#', 'Licence number', 'Holder', 'ID number'].forEach((h, i) => doc.text(h, cols[i]!, y));
      doc.font('Helvetica');
      return y + 16;
    };
    let y = header(doc.y);
    lines.forEach((l, i) => {
      if (y > 740) {
        doc.addPage();
        y = header(50);
      }
      [String(i + 1), l.licence_no, l.holder, l.national_id].forEach((cell, c) => doc.text(cell, cols[c]!, y, { width: (cols[c + 1] ?? 545) - cols[c]! - 5, lineBreak: false, ellipsis: true }));
      y += 15;
    });
    if (y > 640) doc.addPage();
    else doc.y = y + 30;
    doc.fontSize(11).text('Dispatched by (name, signature, date): ______________________________________', 50);
    doc.moveDown(2).text('Received at the centre by (name, signature, date): ________________________', 50);
  });
  return { fileName: `manifest-${batch.batch_no}.pdf`, bytes, centreId: batch.centre_id };
}
