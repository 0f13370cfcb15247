import type { GridTable } from './serverTable.js';

const SIZES = [25, 50, 100, 200];

/** Page controls with the total count; the pages themselves come from the server. */
export function Pager<T extends object>({ table, total, noun }: { table: GridTable<T>; total: number; noun: string }) {
  const { pageIndex, pageSize } = table.state.pagination;
  const pages = Math.max(1, table.getPageCount());
  const from = total === 0 ? 0 : pageIndex * pageSize + 1;
  const to = Math.min(total, (pageIndex + 1) * pageSize);
  return (
    <div className="pager" role="group" aria-label={`Pages of ${noun}`}>
      <span className="pager-count">
        {total === 0 ? `No ${noun}` : `${from.toLocaleString('en-KE')}–${to.toLocaleString('en-KE')} of ${total.toLocaleString('en-KE')} ${noun}`}
      </span>
      <button type="button" onClick={() => table.firstPage()} disabled={!table.getCanPreviousPage()} aria-label="First page">
        «
      </button>
      <button type="button" onClick={() => table.previousPage()} disabled={!table.getCanPreviousPage()} aria-label="Previous page">
        ‹
      </button>
      <span>
        Page {Math.min(pageIndex + 1, pages)} of {pages}
      </span>
      <button type="button" onClick={() => table.nextPage()} disabled={!table.getCanNextPage()} aria-label="Next page">
        ›
      </button>
      <button type="button" onClick={() => table.lastPage()} disabled={!table.getCanNextPage()} aria-label="Last page">
        »
      </button>
      <label className="pager-size">
        Rows per page{' '}
        <select value={pageSize} onChange={(e) => table.setPageSize(Number(e.target.value))}>
          {SIZES.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
