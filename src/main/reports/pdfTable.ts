import type PDFDocument from 'pdfkit';
import { CELL_PAD, cellLines, headerLines, type TableLayout } from './pdfLayout.js';
import type { CellLine, Measure } from './pdfWrap.js';

type Doc = InstanceType<typeof PDFDocument>;

/** Helvetica's ascender: where a line's baseline sits below its top, per point of size. */
const ASCENT = 0.718;
const LINE_HEIGHT = 1.2;
/** Room above and below a band's lines. */
const V_PAD = 1;
const SHADE = '#eeeeee';

/**
 * The font in use, shared by measuring and drawing so that neither sets it again for nothing.
 * PDFKit measures with the document's current font and size.
 */
export class Pen {
  private font = '';
  private size = 0;

  constructor(private readonly doc: Doc) {}

  use(bold: boolean, size: number): Doc {
    const font = bold ? 'Helvetica-Bold' : 'Helvetica';
    if (font !== this.font) {
      this.doc.font(font);
      this.font = font;
    }
    if (size !== this.size) {
      this.doc.fontSize(size);
      this.size = size;
    }
    return this.doc;
  }

  /** Forget what is set: the caller changed the font itself. */
  reset(): void {
    this.font = '';
    this.size = 0;
  }

  readonly measure: Measure = (text, bold, size) => this.use(bold, size).widthOfString(text);
}

/**
 * Draws a report's table record by record, streaming: each record's cells are wrapped, it goes
 * on a new page (under the header again) when it does not fit, and a record taller than a whole
 * page carries on over the next. Records are shaded in turn so that a record of several bands
 * reads as one.
 */
export class PdfTable {
  private y = 0;
  private records = 0;
  private readonly lineHeight: number;
  /** Where records start on a fresh page, below the header. */
  private tableTop = 0;

  constructor(
    private readonly doc: Doc,
    private readonly pen: Pen,
    private readonly layout: TableLayout,
    private readonly page: { left: number; width: number; top: number; bottom: number },
  ) {
    this.lineHeight = layout.size * LINE_HEIGHT;
  }

  /** The y below the table so far. */
  get bottomY(): number {
    return this.y;
  }

  /** Starts the table at `y` with its header. */
  start(y: number): void {
    this.y = y;
    this.header();
    this.tableTop = this.page.top + (this.y - y);
  }

  /** One record: its printed values by column key. */
  record(values: (key: string) => string): void {
    const { size } = this.layout;
    const bands = this.layout.bands.map((columns) => columns.map((c) => cellLines(c, values(c.key), size, this.pen.measure)));
    const height = bands.reduce((h, cells) => h + this.bandHeight(linesOf(cells)), 0);
    if (this.y + height > this.page.bottom && height <= this.page.bottom - this.tableTop) this.newPage();
    const shaded = this.records++ % 2 === 1;
    bands.forEach((cells, b) => {
      const lines = linesOf(cells);
      let from = 0;
      while (from < lines) {
        const room = Math.floor((this.page.bottom - this.y - 2 * V_PAD) / this.lineHeight);
        if (room < 1) {
          this.newPage();
          continue;
        }
        const take = Math.min(room, lines - from);
        this.drawBand(b, cells, from, take, false, shaded);
        from += take;
      }
    });
  }

  /** Moves to a new page and repeats the header there. */
  newPage(): void {
    this.doc.addPage();
    this.pen.reset();
    this.y = this.page.top;
    this.header();
  }

  private header(): void {
    const { size } = this.layout;
    this.layout.bands.forEach((columns, b) => {
      const cells = columns.map((c) => headerLines(c, size, this.pen.measure));
      this.drawBand(b, cells, 0, linesOf(cells), true, false);
    });
    this.doc
      .moveTo(this.page.left, this.y)
      .lineTo(this.page.left + this.page.width, this.y)
      .lineWidth(0.5)
      .stroke('#000000');
  }

  private bandHeight(lines: number): number {
    return lines * this.lineHeight + 2 * V_PAD;
  }

  private drawBand(band: number, cells: CellLine[][], from: number, take: number, bold: boolean, shaded: boolean): void {
    const height = this.bandHeight(take);
    if (shaded) {
      this.doc.rect(this.page.left, this.y, this.page.width, height).fill(SHADE);
      this.doc.fillColor('#000000');
    }
    const columns = this.layout.bands[band]!;
    columns.forEach((column, i) => {
      const lines = cells[i]!.slice(from, from + take);
      lines.forEach((line, j) => {
        const doc = this.pen.use(bold, line.size);
        const top = this.y + V_PAD + j * this.lineHeight + ASCENT * (this.layout.size - line.size);
        const x = column.align === 'right' ? column.x + column.width - CELL_PAD - doc.widthOfString(line.text) : column.x + CELL_PAD;
        doc.text(line.text, x, top, { lineBreak: false });
      });
    });
    this.y += height;
  }
}

function linesOf(cells: readonly CellLine[][]): number {
  return Math.max(1, ...cells.map((c) => c.length));
}
