import type { AuditRow } from '../../shared/contract/insight.js';
import { nairobiDayStart } from '../../shared/time.js';
import { verifyAuditChainParallel } from '../core/auditVerify.js';
import { defineQuery } from '../core/registry.js';

/** A long chain is checked on worker threads, each with its own connection: this one stays free meanwhile. */
export const auditVerify = defineQuery('audit.verify', async (db, { sqlite }) =>
  db.connection().execute(async () => verifyAuditChainParallel(sqlite)));

export const auditList = defineQuery('audit.list', async (db, { sqlite }, input) =>
  db.connection().execute(async () => {
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: input.pageSize, offset: input.page * input.pageSize };
    if (input.actor) { where.push('actor_name = @actor'); params.actor = input.actor.toLowerCase(); }
    if (input.action) { where.push('action LIKE @action'); params.action = `${input.action.replace(/[%_]/g, '')}%`; }
    if (input.entity) { where.push('entity = @entity'); params.entity = input.entity; }
    if (input.entityId) { where.push('entity_id = @entityId'); params.entityId = input.entityId; }
    if (input.from) { where.push('at >= @from'); params.from = nairobiDayStart(input.from); }
    if (input.to) { where.push('at < @to'); params.to = nairobiDayStart(input.to, 1); }
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = sqlite.prepare(`SELECT count(*) FROM audit_events ${filter}`).pluck().get(params) as number;
    const rows = (sqlite
      .prepare(`SELECT seq, at, actor_name AS actor, desk_id AS desk, action, entity, entity_id AS entityId, summary, before, after, hash
                FROM audit_events ${filter} ORDER BY seq DESC LIMIT @limit OFFSET @offset`)
      .all(params) as (Omit<AuditRow, 'before' | 'after'> & { before: string | null; after: string | null })[])
      .map((r): AuditRow => ({ ...r, before: r.before === null ? null : JSON.parse(r.before), after: r.after === null ? null : JSON.parse(r.after) }));
    return { rows, total, page: input.page, pageSize: input.pageSize };
  }));
