import { useMemo } from 'react';
import type { ReportPreview } from '../../../shared/contract/insight.js';
import { DataTable } from '../components/DataTable.js';
import { gridColumnHelper, useServerTable } from '../components/serverTable.js';

interface Row {
  id: string;
  cells: string[];
}
const col = gridColumnHelper<Row>();
const NO_ROWS: Row[] = [];
const ALL = { pageIndex: 0, pageSize: 500 };
const NUMERIC = new Set(['int', 'money']);

/** A report's columns as printed: `application_ref` reads "application ref". */
export function columnTitle(key: string): string {
  return key.replaceAll('_', ' ');
}

function columnsOf(preview: ReportPreview | undefined) {
  return (preview?.columns ?? []).map((c, i) =>
    col.accessor((row) => row.cells[i] ?? '', {
      id: c.key,
      header: columnTitle(c.key),
      meta: { className: NUMERIC.has(c.kind) ? 'num nowrap' : c.kind === 'datetime' ? 'nowrap' : undefined },
    }),
  );
}

/** The first rows of a report, formatted as they print. */
export function PreviewGrid({ preview, busy, empty }: { preview: ReportPreview | undefined; busy: boolean; empty: string }) {
  const shape = preview?.columns.map((c) => `${c.key}:${c.kind}`).join(',');
  // New columns only when the report's shape changes, not with every preview.
  // oxlint-disable-next-line react-hooks/exhaustive-deps -- keyed on the shape (see above)
  const columns = useMemo(() => columnsOf(preview), [shape]);
  const rows = useMemo(() => preview?.rows.map((cells, i) => ({ id: String(i), cells })) ?? NO_ROWS, [preview]);
  const table = useServerTable({
    columns,
    data: rows,
    rowCount: rows.length,
    getRowId: (row) => row.id,
    pagination: ALL,
    onPaginationChange: () => undefined,
  });
  return (
    <DataTable table={table} label={preview ? `${preview.title} preview` : 'Report preview'} busy={busy} empty={empty} className="report-preview" scrolls />
  );
}
