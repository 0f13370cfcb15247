import { SimpleTable } from '../components/SimpleTable.js';

type Fields = Record<string, unknown>;

function isFields(v: unknown): v is Fields {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function show(v: unknown): string {
  if (v === undefined) return '—';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

function Json({ label, value }: { label: string; value: unknown }) {
  return (
    <div>
      <h4>{label}</h4>
      <pre className="audit-json">{value === null || value === undefined ? '(nothing)' : JSON.stringify(value, null, 2)}</pre>
    </div>
  );
}

/** An event's fields before and after: a field-by-field table when both sides are records, JSON otherwise. */
export function ChangesView({ before, after }: { before: unknown; after: unknown }) {
  if ((before === null || before === undefined) && (after === null || after === undefined)) {
    return <p className="muted">This event records no field values.</p>;
  }
  const b = before ?? {};
  const a = after ?? {};
  if (!isFields(b) || !isFields(a)) {
    return (
      <div className="audit-json-pair">
        <Json label="Before" value={before} />
        <Json label="After" value={after} />
      </div>
    );
  }
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  const changed = (k: string) => show(b[k]) !== show(a[k]);
  return (
    <>
      <SimpleTable label="Fields before and after" headings={['Field', 'Before', 'After']} frame={null} className="audit-diff">
        {keys.map((k) => (
          <tr key={k} className={changed(k) ? 'changed' : undefined}>
            <th scope="row">
              {k}
              {changed(k) && <span className="visually-hidden"> (changed)</span>}
            </th>
            <td>{show(b[k])}</td>
            <td>{show(a[k])}</td>
          </tr>
        ))}
      </SimpleTable>
      <details className="audit-raw">
        <summary>Show as JSON</summary>
        <div className="audit-json-pair">
          <Json label="Before" value={before} />
          <Json label="After" value={after} />
        </div>
      </details>
    </>
  );
}
