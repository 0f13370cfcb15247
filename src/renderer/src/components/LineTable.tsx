import { SimpleTable } from './SimpleTable.js';

/** One line of a file read in, and what there is to say about it. */
export interface LineNote {
  line: number;
  field?: string | undefined;
  text: string;
}

/** A file's problems or warnings as line notes. */
export function lineNotes(list: readonly { line: number; field?: string | undefined; message: string }[]): LineNote[] {
  return list.map((p) => ({ line: p.line, field: p.field ?? '', text: p.message }));
}

/** Lines of an imported file: the line, the field (when any line names one), then `heading` (Problem, Warning…). */
export function LineTable({ label, heading, rows }: { label: string; heading: string; rows: LineNote[] }) {
  const withField = rows.some((r) => r.field !== undefined);
  return (
    <SimpleTable label={label} frame="problems" headings={[{ label: 'Line', className: 'num' }, ...(withField ? ['Field'] : []), heading]}>
      {rows.map((r, i) => (
        <tr key={i}>
          <td className="num">{r.line}</td>
          {withField && <td>{r.field ?? ''}</td>}
          <td>{r.text}</td>
        </tr>
      ))}
    </SimpleTable>
  );
}
