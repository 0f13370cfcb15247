import type { AuditRow } from '../../shared/contract/insight.js';
import { nairobiDayStart } from '../../shared/time.js';
import { verifyAuditChainParallel } from '../core/auditVerify.js';
import { defineQuery } from '../core/registry.js';

/**
 * A long chain is checked on worker threads, each with a read-only connection of its own (QUALITY.md
 * audit chain verify budget, ≤ 5 s): the desk's connection stays free meanwhile.
 */
export const auditVerify = defineQuery('audit.verify', async ({ desk }) => {
  const reader = desk.openReader();
  try {
    return await verifyAuditChainParallel(reader);
  } finally {
    reader.close();
  }
});

export const auditList = defineQuery('audit.list', async ({ db }, input) => {
  let events = db.selectFrom('audit_events');
  if (input.actor) events = events.where('actor_name', '=', input.actor.toLowerCase());
  if (input.action) events = events.where('action', 'like', `${input.action.replace(/[%_]/g, '')}%`);
  if (input.entity) events = events.where('entity', '=', input.entity);
  if (input.entityId) events = events.where('entity_id', '=', input.entityId);
  if (input.from) events = events.where('at', '>=', nairobiDayStart(input.from));
  if (input.to) events = events.where('at', '<', nairobiDayStart(input.to, 1));
  const total = db.first(events.select((eb) => eb.fn.countAll<number>().as('n')))!.n;
  const rows = db
    .all(
      events
        .select(['seq', 'at', 'actor_name as actor', 'desk_id as desk', 'action', 'entity', 'entity_id as entityId', 'summary', 'before', 'after', 'hash'])
        .orderBy('seq', 'desc')
        .limit(input.pageSize)
        .offset(input.page * input.pageSize),
    )
    .map((r): AuditRow => ({ ...r, before: r.before === null ? null : JSON.parse(r.before), after: r.after === null ? null : JSON.parse(r.after) }));
  return { rows, total, page: input.page, pageSize: input.pageSize };
});
