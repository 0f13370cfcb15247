/** One JSON value per line, with the line it is on; blank lines are skipped. */
export interface JsonLine {
  line: number;
  value: unknown;
}

export function readJsonLines(text: string): { items: JsonLine[]; problems: { line: number; message: string }[] } {
  const items: JsonLine[] = [];
  const problems: { line: number; message: string }[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const source = lines[i]!.trim();
    if (source === '') continue;
    try {
      items.push({ line: i + 1, value: JSON.parse(source) as unknown });
    } catch {
      problems.push({ line: i + 1, message: 'is not JSON: each line must hold one whole notification object' });
    }
  }
  return { items, problems };
}
