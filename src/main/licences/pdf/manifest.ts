import { UserError } from '../../../shared/errors.js';
import { formatNairobi } from '../../../shared/time.js';
import type { ReadableDB } from '../../db/handles.js';
import { holderName } from '../rows.js';
import { BOARD_NAME, renderPdf } from './render.js';

/** The batch's manifest: centre, batch number, date, one line per licence, and signature blocks. */
export async function manifestPdf(db: ReadableDB, batchId: string): Promise<{ fileName: string; bytes: Buffer; centreId: string }> {
  const batch = db.first(
    db
      .selectFrom('dispatch_batches as b')
      .innerJoin('centres as c', 'c.id', 'b.centre_id')
      .leftJoin('users as u', 'u.id', 'b.created_by')
      .select(['b.batch_no', 'b.created_at', 'b.centre_id', 'c.name as centre', 'c.town', 'u.full_name as created_by'])
      .where('b.id', '=', batchId),
  );
  if (!batch) throw new UserError('not_found', `No batch with id ${batchId}.`);
  const lines = db.all(
    db
      .selectFrom('licences as l')
      .innerJoin('practitioners as p', 'p.id', 'l.practitioner_id')
      .select(['l.licence_no', holderName.as('holder'), 'p.national_id'])
      .where('l.batch_id', '=', batchId)
      .orderBy('l.licence_year')
      .orderBy('l.sequence'),
  );

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
      [String(i + 1), l.licence_no, l.holder, l.national_id].forEach((cell, c) =>
        doc.text(cell, cols[c]!, y, { width: (cols[c + 1] ?? 545) - cols[c]! - 5, lineBreak: false, ellipsis: true }),
      );
      y += 15;
    });
    if (y > 640) doc.addPage();
    else doc.y = y + 30;
    doc.fontSize(11).text('Dispatched by (name, signature, date): ______________________________________', 50);
    doc.moveDown(2).text('Received at the centre by (name, signature, date): ________________________', 50);
  });
  return { fileName: `manifest-${batch.batch_no}.pdf`, bytes, centreId: batch.centre_id };
}
