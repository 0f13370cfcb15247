import { defineCommand } from '../core/registry.js';

export const reportExported = defineCommand('report.exported', async (ctx, input) => {
  const filters = Object.entries(input.filters)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  ctx.audit({
    action: 'report.exported',
    entity: 'report',
    entityId: input.report,
    summary: `${input.report} exported as ${input.format.toUpperCase()}: ${input.rows} rows${filters ? ` (${filters})` : ''}`,
    after: input,
  });
  return { rows: input.rows };
});
