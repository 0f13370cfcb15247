import type { MouseEvent, ReactNode } from 'react';
import { columnClass, type GridTable } from './serverTable.js';

interface DataTableProps<T extends object> {
  table: GridTable<T>;
  /** Accessible name of the table. */
  label: string;
  selectedId?: string | null;
  onRowClick?: (id: string, event: MouseEvent) => void;
  empty?: ReactNode;
  busy?: boolean;
  className?: string;
  /** The id of the table's frame. */
  id?: string;
  /** A table wider than its frame: the frame takes the keyboard focus, so arrow keys can scroll it. */
  scrolls?: boolean;
}

const ARIA_SORT = { asc: 'ascending', desc: 'descending' } as const;

/** A real <table> with column headers; sortable headers are buttons and carry aria-sort. */
export function DataTable<T extends object>({ table, label, selectedId, onRowClick, empty, busy, className, id, scrolls }: DataTableProps<T>) {
  const rows = table.getRowModel().rows;
  const columnCount = table.getAllLeafColumns().length;
  return (
    <div
      id={id}
      className={`table-wrap ${className ?? ''}`}
      aria-busy={busy || undefined}
      {...(scrolls ? { tabIndex: 0, role: 'region', 'aria-label': `${label}, scrolls sideways` } : {})}
    >
      <table aria-label={label}>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const column = header.column;
                const sorted = column.getIsSorted();
                const canSort = column.getCanSort();
                const meta = column.columnDef.meta;
                return (
                  <th key={header.id} scope="col" className={columnClass(meta)} aria-sort={canSort ? (sorted ? ARIA_SORT[sorted] : 'none') : undefined}>
                    {header.isPlaceholder ? null : canSort ? (
                      <button type="button" className="sort-button" onClick={column.getToggleSortingHandler()}>
                        <table.FlexRender header={header} />
                        <span className="sort-mark" aria-hidden="true">
                          {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}
                        </span>
                      </button>
                    ) : (
                      <table.FlexRender header={header} />
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columnCount} className="empty">
                {empty ?? 'Nothing to show.'}
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr
                key={row.id}
                aria-current={row.id === selectedId ? 'true' : undefined}
                className={row.id === selectedId ? 'selected' : undefined}
                onClick={onRowClick ? (e) => onRowClick(row.id, e) : undefined}
              >
                {row.getAllCells().map((cell) => (
                  <td key={cell.id} className={columnClass(cell.column.columnDef.meta)}>
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
