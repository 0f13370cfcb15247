import { describe, expect, it } from 'vitest';
import { detectDelimiter, readCsv } from '../../../../src/main/applications/import/readCsv.js';

const bytes = (text: string) => new TextEncoder().encode(text);

function table(text: string) {
  const result = readCsv(bytes(text));
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.table;
}

describe('reading a CSV file', () => {
  it('numbers each row by the line it starts on, after quoted fields that span lines', () => {
    const t = table('a,b\n1,"x\ny\nz"\n2,w\n\n3,"q, r"\n');
    expect(t.headerLine).toBe(1);
    expect(t.rows).toEqual([
      { line: 2, cells: ['1', 'x\ny\nz'] },
      { line: 5, cells: ['2', 'w'] },
      { line: 7, cells: ['3', 'q, r'] },
    ]);
  });

  it('counts Windows line ends the way a person counts lines', () => {
    const t = table('a,b\r\n1,"x\r\ny"\r\n2,w\r\n');
    expect(t.rows.map((r) => r.line)).toEqual([2, 4]);
    expect(t.rows[0]!.cells[1]).toBe('x\ny');
  });

  it('drops a byte order mark and reads semicolon-separated files', () => {
    const t = table('\uFEFFa;b\n1;"2,5"\n');
    expect(t.headers).toEqual(['a', 'b']);
    expect(t.rows[0]!.cells).toEqual(['1', '2,5']);
  });

  it('leaves out rows that are only separators', () => {
    expect(table('a,b\n,\n1,2\n').rows).toEqual([{ line: 3, cells: ['1', '2'] }]);
  });

  it('picks the separator the header line uses', () => {
    expect(detectDelimiter('a;b;c\n1,2;3')).toBe(';');
    expect(detectDelimiter('a,b,c\n1;2;3')).toBe(',');
    expect(detectDelimiter('"a;x",b\n')).toBe(',');
    expect(detectDelimiter('\n\na;b\n')).toBe(';');
  });

  it('reports a quote that is never closed with a line number', () => {
    const result = readCsv(bytes('a,b\n1,"open\n2,x\n'));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]).toMatchObject({ line: 3, message: expect.stringContaining('never closed') });
  });

  it('refuses text that is not UTF-8, naming the line', () => {
    const latin1 = Uint8Array.from([...bytes('a,b\n1,2\n3,'), 0xe9, ...bytes('\n')]);
    const result = readCsv(latin1);
    expect(result).toEqual({ ok: false, problems: [{ line: 3, message: expect.stringContaining('not UTF-8') }] });
  });

  it('refuses UTF-16 text with advice', () => {
    const result = readCsv(Uint8Array.from([0xff, 0xfe, 0x61, 0x00]));
    expect(result.ok).toBe(false);
  });

  it('says so when the file is empty', () => {
    expect(readCsv(bytes(''))).toEqual({ ok: false, problems: [{ line: 1, message: 'the file is empty' }] });
  });
});
