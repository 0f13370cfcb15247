import { useMemo } from 'react';
import type { PreviewValue, ReportPreview } from '../../../shared/contract/insight.js';
import { DataTable } from '../components/DataTable.js';
import { gridColumnHelper, useServerTable } from '../components/serverTable.js';
import { columnTitle } from '../../../shared/reportColumnTitles.js';
import { previewCell } from './previewCells.js';

interface Row {
  id: string;
  cells: PreviewValue[];
}
const col = gridColumnHelper<Row>();
const NO_ROWS: Row[] = [];
const ALL = { pageIndex: 0, pageSize: 500 };
const NUMERIC = new Set(['int', 'money']);

function columnsOf(report: string, preview: ReportPreview | undefined) {
  return (preview?.columns ?? []).map((c, i) =>
    col.accessor((row) => previewCell(report, c, row.cells[i] ?? null), {
      id: c.key,
      header: columnTitle(c.key),
      meta: { className: NUMERIC.has(c.kind) ? 'num nowrap' : c.kind === 'datetime' || c.key === 'phone' ? 'nowrap' : undefined },
    }),
  );
}

interface Props {
  /** The report's name (its states are labelled by it). */
  report: string;
  preview: ReportPreview | undefined;
  busy: boolean;
  empty: string;
}

/** The first rows of a report, with the titles and formats of the screens. */
export function PreviewGrid({ report, preview, busy, empty }: Props) {
  const shape = preview?.columns.map((c) => `${c.key}:${c.kind}`).join(',');
  // New columns only when the report's shape changes, not with every preview.
  // oxlint-disable-next-line react-hooks/exhaustive-deps -- keyed on the shape (see above)
  const columns = useMemo(() => columnsOf(report, preview), [report, shape]);
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
