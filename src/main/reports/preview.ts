import { defineQuery } from '../core/registry.js';
import { reportDefinition, resolveFilters } from './export.js';
import { formatValue } from './format.js';

/** The first rows of a report, formatted as they print, for the grid beside the export buttons. */
export const reportsPreview = defineQuery('reports.preview', async (ctx, input) => {
  const def = reportDefinition(input.report);
  const filters = resolveFilters(ctx.desk, ctx.actor, def, input);
  const rows: string[][] = [];
  let more = false;
  for (const row of def.rows(ctx.db, filters, ctx.desk.clock().toISOString())) {
    if (rows.length === input.limit) {
      more = true;
      break;
    }
    rows.push(def.columns.map((c) => formatValue(c.kind, row[c.key] ?? null, true)));
  }
  return { title: def.title, columns: def.columns.map((c) => ({ key: c.key, kind: c.kind })), rows, more };
});
