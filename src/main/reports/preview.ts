import { defineQuery } from '../core/registry.js';
import { reportDefinition, resolveFilters } from './export.js';
import type { PreviewValue } from '../../shared/contract/insight.js';

/** The first rows of a report, as stored, for the grid beside the export buttons (which formats them as the screens do). */
export const reportsPreview = defineQuery('reports.preview', async (ctx, input) => {
  const def = reportDefinition(input.report);
  const filters = resolveFilters(ctx.desk, ctx.actor, def, input);
  const rows: PreviewValue[][] = [];
  let more = false;
  for (const row of def.rows(ctx.db, filters, ctx.desk.clock().toISOString())) {
    if (rows.length === input.limit) {
      more = true;
      break;
    }
    rows.push(def.columns.map((c) => row[c.key] ?? null));
  }
  return { title: def.title, columns: def.columns.map((c) => ({ key: c.key, kind: c.kind })), rows, more };
});
