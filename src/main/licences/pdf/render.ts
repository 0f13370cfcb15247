import PDFDocument from 'pdfkit';

/** Renders a PDF with pdfkit into memory. */
export function renderPdf(title: string, draw: (doc: PDFKit.PDFDocument) => Promise<void> | void): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: title, Author: 'Kenya Medical Laboratory Technicians and Technologists Board' } });
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

export const BOARD_NAME = 'Kenya Medical Laboratory Technicians and Technologists Board';
