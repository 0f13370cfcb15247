import QRCode from 'qrcode';
import { UserError } from '../../../shared/errors.js';
import { formatNairobi } from '../../../shared/time.js';
import type { ReadableDB } from '../../db/handles.js';
import { holderName } from '../rows.js';
import { BOARD_NAME, renderPdf } from './render.js';

/** One page per licence, with the signed QR code a clerk or an employer can check offline. */
export async function certificatesPdf(db: ReadableDB, licenceIds: string[]): Promise<{ fileName: string; bytes: Buffer }> {
  const certificate = db
    .selectFrom('licences as l')
    .innerJoin('practitioners as p', 'p.id', 'l.practitioner_id')
    .select([
      'l.licence_no',
      'l.licence_year',
      holderName.as('holder'),
      'p.national_id',
      'p.registration_no',
      'p.cadre',
      'p.qualification',
      'l.valid_from',
      'l.valid_to',
      'l.qr_payload',
      'l.state',
    ]);
  const certificates = licenceIds.map((id) => {
    const c = db.first(certificate.where('l.id', '=', id));
    if (!c) throw new UserError('not_found', `No licence with id ${id}.`);
    if (c.state === 'revoked') throw new UserError('invalid_transition', `Licence ${c.licence_no} is revoked: it cannot be printed.`);
    if (c.qr_payload === '')
      throw new UserError('invalid_transition', `Licence ${c.licence_no} has no number yet: the central service gives it at the next sync.`);
    return c;
  });
  const qrs = await Promise.all(certificates.map((c) => QRCode.toBuffer(c.qr_payload, { type: 'png', errorCorrectionLevel: 'M', margin: 1, width: 220 })));
  const bytes = await renderPdf('Personnel Annual Licences', (doc) => {
    certificates.forEach((c, i) => {
      if (i > 0) doc.addPage();
      doc.fontSize(12).text(BOARD_NAME, { align: 'center' });
      doc.moveDown(1.5).fontSize(22).text('Personnel Annual Licence', { align: 'center' });
      doc.moveDown(0.5).fontSize(14).text(String(c.licence_year), { align: 'center' });
      doc.moveDown(2).fontSize(12).text('This is to certify that', { align: 'center' });
      doc.moveDown(0.5).fontSize(18).text(c.holder, { align: 'center' });
      doc.moveDown(0.5).fontSize(11).text(`National ID ${c.national_id}  ·  Registration ${c.registration_no}`, { align: 'center' });
      doc.moveDown(1).fontSize(12).text(`is licensed to practise as a medical laboratory ${c.cadre} (${c.qualification}).`, { align: 'center' });
      doc.moveDown(1.5).fontSize(14).text(`Licence number ${c.licence_no}`, { align: 'center' });
      doc
        .moveDown(0.5)
        .fontSize(11)
        .text(`Valid from ${formatNairobi(c.valid_from).slice(0, 11)} to the end of ${c.licence_year}`, { align: 'center' });
      doc.image(qrs[i]!, 197, doc.y + 30, { width: 200 });
      doc.fontSize(8).text("Scan to verify: the code carries the Board's signature.", 50, 740, { align: 'center', width: 495 });
    });
  });
  return {
    fileName: certificates.length === 1 ? `licence-${certificates[0]!.licence_no.replaceAll('/', '-')}.pdf` : `licences-${certificates.length}.pdf`,
    bytes,
  };
}
