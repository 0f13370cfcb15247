/**
 * Breaking a PDF cell's text into lines. Nothing is ever cut: free text wraps at spaces (a word
 * longer than the cell is broken where it must), and a value that must stay whole (an identifier,
 * an amount, a time) stays on one line, printed smaller when it is longer than the cell has room
 * for. Pure: the width of a text is measured by the caller.
 */

/** The width in points of `text` in Helvetica (bold or not) at `size`. */
export type Measure = (text: string, bold: boolean, size: number) => number;

export interface CellLine {
  text: string;
  /** Font size: the cell's, or smaller for a whole value that would not fit. */
  size: number;
}

/** Below this a value is hard to read even on paper: a longer value is broken instead. */
export const MIN_WHOLE_SIZE = 4.5;

/** A value kept on one line: at `size` when it fits in `width`, otherwise as small as it needs (not below MIN_WHOLE_SIZE). */
export function wholeLines(text: string, width: number, size: number, measure: Measure, bold = false): CellLine[] {
  if (text === '') return [];
  const w = measure(text, bold, size);
  if (w <= width) return [{ text, size }];
  const smaller = Math.floor(((size * width) / w) * 4) / 4;
  if (smaller >= MIN_WHOLE_SIZE && measure(text, bold, smaller) <= width) return [{ text, size: smaller }];
  // Longer than any sensible identifier: broken over lines rather than cut.
  return breakWord(text, width, size, measure, bold).map((t) => ({ text: t, size }));
}

/** Free text wrapped at spaces to `width`; line breaks in the text are kept. */
export function wrapLines(text: string, width: number, size: number, measure: Measure, bold = false): CellLine[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    const words = paragraph.split(/\s+/).filter((w) => w !== '');
    let line = '';
    for (const word of words) {
      const candidate = line === '' ? word : `${line} ${word}`;
      if (measure(candidate, bold, size) <= width) {
        line = candidate;
        continue;
      }
      if (line !== '') lines.push(line);
      if (measure(word, bold, size) <= width) {
        line = word;
      } else {
        const pieces = breakWord(word, width, size, measure, bold);
        lines.push(...pieces.slice(0, -1));
        line = pieces.at(-1)!;
      }
    }
    if (line !== '') lines.push(line);
  }
  return lines.map((t) => ({ text: t, size }));
}

/**
 * A word too long for the width, in pieces that each fit: broken after a hyphen or slash where
 * it can be (`Odhiambo-` `Wanjiku`), otherwise between characters (at least one each).
 */
function breakWord(word: string, width: number, size: number, measure: Measure, bold: boolean): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const part of word.split(/(?<=[-/])/)) {
    if (piece !== '' && measure(piece + part, bold, size) <= width) {
      piece += part;
      continue;
    }
    if (piece !== '') pieces.push(piece);
    piece = '';
    for (const ch of part) {
      if (piece !== '' && measure(piece + ch, bold, size) > width) {
        pieces.push(piece);
        piece = '';
      }
      piece += ch;
    }
  }
  if (piece !== '') pieces.push(piece);
  return pieces;
}
