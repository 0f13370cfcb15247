import { FONT_FILES } from './assets.js';

export const BOARD_NAME = 'Kenya Medical Laboratory Technicians and Technologists Board';

/** The fonts every document uses (registered by renderPdf): DejaVu Sans, regular and bold. */
export const FONT = { regular: 'DejaVuSans', bold: 'DejaVuSans-Bold' } as const;

/** Renders an A4 PDF with pdfkit into memory, with DejaVu Sans embedded and set. */
export async function renderPdf(title: string, draw: (doc: PDFKit.PDFDocument) => Promise<void> | void): Promise<Buffer> {
  // Loaded when first needed: it is large, and most `kmlttb` commands and starts never use it.
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: title, Author: BOARD_NAME } });
  doc.registerFont(FONT.regular, FONT_FILES.regular);
  doc.registerFont(FONT.bold, FONT_FILES.bold);
  doc.font(FONT.regular);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return Promise.resolve(draw(doc)).then(() => {
    doc.end();
    return done;
  });
}
