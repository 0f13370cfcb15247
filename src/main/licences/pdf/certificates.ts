import type { QRCodeToBufferOptions } from 'qrcode';
import { UserError } from '../../../shared/errors.js';
import { verifyAddress } from '../../../shared/licenceVerifyAddress.js';
import { formatNairobi } from '../../../shared/time.js';
import type { ReadableDB } from '../../db/handles.js';
import { holderName } from '../rows.js';
import { drawLetterhead, drawSignatureLine } from './letterhead.js';
import { BOARD_NAME, FONT, renderPdf } from './render.js';

/** How the QR code is drawn: grey, no alpha (pdfkit embeds such a PNG as it is; a test draws the expected one the same way). */
export const QR_OPTIONS: QRCodeToBufferOptions = {
  type: 'png',
  errorCorrectionLevel: 'M',
  margin: 1,
  width: 360,
  // pngjs's colorType, which @types/qrcode leaves out.
  rendererOpts: { colorType: 0 } as NonNullable<QRCodeToBufferOptions['rendererOpts']>,
};

/**
 * One page per licence: border, crest, the Board's name, the licence number large, the holder,
 * the Registrar's signature line, and the signed QR code. The code carries the verify address on
 * the central service (`verifyBase`, when one is known) so a phone can check it there; the app
 * checks the same payload offline.
 */
export async function certificatesPdf(db: ReadableDB, licenceIds: string[], verifyBase: string | null): Promise<{ fileName: string; bytes: Buffer }> {
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
  const { default: QRCode } = await import('qrcode');
  const qrs = await Promise.all(certificates.map((c) => QRCode.toBuffer(verifyBase ? verifyAddress(verifyBase, c.qr_payload) : c.qr_payload, QR_OPTIONS)));
  const bytes = await renderPdf('Personnel Annual Licences', (doc) => {
    const width = doc.page.width;
    const centred = { align: 'center' as const, width: width - 100 };
    certificates.forEach((c, i) => {
      if (i > 0) doc.addPage();
      drawLetterhead(doc, { crestSize: 96, top: 52 });
      doc.moveDown(1.2).font(FONT.bold).fontSize(24).text('Personnel Annual Licence', 50, doc.y, centred);
      doc.font(FONT.regular).fontSize(13).text(`Licence year ${c.licence_year}`, centred);

      const boxTop = doc.y + 14;
      doc
        .save()
        .lineWidth(1.5)
        .roundedRect(130, boxTop, width - 260, 54, 6)
        .stroke()
        .restore();
      doc.fontSize(9).text('LICENCE NUMBER', 50, boxTop + 8, centred);
      doc
        .font(FONT.bold)
        .fontSize(22)
        .text(c.licence_no, 50, boxTop + 21, centred);

      doc
        .font(FONT.regular)
        .fontSize(12)
        .text('This is to certify that', 50, boxTop + 80, centred);
      doc.moveDown(0.4).font(FONT.bold).fontSize(20).text(c.holder, centred);
      doc.moveDown(0.3).font(FONT.regular).fontSize(11).text(`National ID ${c.national_id}   ·   Registration ${c.registration_no}`, centred);
      doc.moveDown(0.8).fontSize(12).text(`is licensed to practise as a medical laboratory ${c.cadre} (${c.qualification}).`, centred);
      doc
        .moveDown(0.4)
        .fontSize(11)
        .text(`Valid from ${formatNairobi(c.valid_from).slice(0, 11)} to the end of ${c.licence_year}.`, centred);

      const bottom = doc.page.height - 250;
      doc.image(qrs[i]!, 70, bottom, { width: 150 });
      doc
        .fontSize(8)
        .text(
          verifyBase ? 'Scan with a phone camera to check this licence with the Board.' : "Scan to verify: the code carries the Board's signature.",
          60,
          bottom + 156,
          { width: 170, align: 'center' },
        );
      drawSignatureLine(doc, 320, bottom + 105, 210, ['Registrar', BOARD_NAME]);
    });
  });
  return {
    fileName: certificates.length === 1 ? `licence-${certificates[0]!.licence_no.replaceAll('/', '-')}.pdf` : `licences-${certificates.length}.pdf`,
    bytes,
  };
}
