import { UserError } from '../../../shared/errors.js';
import { formatNairobi } from '../../../shared/time.js';
import type { ReadableDB } from '../../db/handles.js';
import { holderName } from '../rows.js';
import { drawBorder, drawLetterhead, drawSignatureLine } from './letterhead.js';
import { FONT, renderPdf } from './render.js';

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
    drawLetterhead(doc, { crestSize: 64, top: 44 });
    doc
      .moveDown(0.6)
      .font(FONT.bold)
      .fontSize(16)
      .text('Dispatch manifest', 50, doc.y, { align: 'center', width: doc.page.width - 100 });
    doc.moveDown(0.8).font(FONT.regular).fontSize(11);
    doc.text(`Batch: ${batch.batch_no}`, 50);
    doc.text(`Centre: ${batch.centre}, ${batch.town}`);
    doc.text(`Dispatched: ${formatNairobi(batch.created_at)}${batch.created_by ? ` by ${batch.created_by}` : ''}`);
    doc.text(`Licences: ${lines.length}`);
    doc.moveDown();
    const cols = [50, 80, 230, 430];
    const header = (y: number) => {
      doc.font(FONT.bold).fontSize(10);
      ['#', 'Licence number', 'Holder', 'ID number'].forEach((h, i) => doc.text(h, cols[i]!, y));
      doc.font(FONT.regular);
      return y + 16;
    };
    const newPage = () => {
      doc.addPage();
      drawBorder(doc);
    };
    let y = header(doc.y);
    lines.forEach((l, i) => {
      if (y > 740) {
        newPage();
        y = header(50);
      }
      [String(i + 1), l.licence_no, l.holder, l.national_id].forEach((cell, c) =>
        doc.text(cell, cols[c]!, y, { width: (cols[c + 1] ?? 545) - cols[c]! - 5, lineBreak: false, ellipsis: true }),
      );
      y += 15;
    });
    if (y > 640) {
      newPage();
      y = 50;
    }
    drawSignatureLine(doc, 50, y + 70, 220, ['Dispatched by', 'name, signature, date']);
    drawSignatureLine(doc, 325, y + 70, 220, ['Received at the centre by', 'name, signature, date']);
  });
  return { fileName: `manifest-${batch.batch_no}.pdf`, bytes, centreId: batch.centre_id };
}
