import { crestFile } from './assets.js';
import { BOARD_NAME, FONT } from './render.js';

const INK = '#1f4e79';

/** A double border around the page, as on the Board's printed documents. */
export function drawBorder(doc: PDFKit.PDFDocument): void {
  const { width, height } = doc.page;
  doc
    .save()
    .lineWidth(3)
    .strokeColor(INK)
    .rect(20, 20, width - 40, height - 40)
    .stroke();
  doc
    .lineWidth(0.75)
    .rect(27, 27, width - 54, height - 54)
    .stroke()
    .restore();
}

/** Border, the crest centred at the top and the Board's name under it; leaves the cursor below them. */
export function drawLetterhead(doc: PDFKit.PDFDocument, options: { crestSize: number; top: number }): void {
  drawBorder(doc);
  const { width } = doc.page;
  doc.image(crestFile(), (width - options.crestSize) / 2, options.top, { width: options.crestSize, height: options.crestSize });
  doc
    .font(FONT.bold)
    .fontSize(13)
    .fillColor(INK)
    .text(BOARD_NAME, 50, options.top + options.crestSize + 10, { align: 'center', width: width - 100 })
    .fillColor('black')
    .font(FONT.regular);
}

/** A line to sign on, with who signs under it. */
export function drawSignatureLine(doc: PDFKit.PDFDocument, x: number, y: number, width: number, lines: string[]): void {
  doc
    .save()
    .lineWidth(0.75)
    .strokeColor('black')
    .moveTo(x, y)
    .lineTo(x + width, y)
    .stroke()
    .restore();
  doc
    .font(FONT.bold)
    .fontSize(11)
    .text(lines[0] ?? '', x, y + 6, { width, align: 'center' });
  doc.font(FONT.regular).fontSize(9);
  for (const line of lines.slice(1)) doc.text(line, x, doc.y + 1, { width, align: 'center' });
}
