/**
 * What a command changes and a query reads, at the grain of a screen: after a change, every
 * query that reads one of the entities it affects is stale. Names only, never data.
 */
export const ENTITIES = [
  'application',
  'invoice',
  'payment',
  'licence',
  'batch',
  'sms',
  'smsTemplate',
  'user',
  'centre',
  'fee',
  'setting',
  'sync',
  'backup',
  'audit',
] as const;
export type Entity = (typeof ENTITIES)[number];

const KNOWN: ReadonlySet<string> = new Set(ENTITIES);

export function isEntity(value: unknown): value is Entity {
  return typeof value === 'string' && KNOWN.has(value);
}

/** The entities named in a message from the back end (an IPC event, a server-sent event), anything else dropped. */
export function entitiesIn(value: unknown): Entity[] {
  return Array.isArray(value) ? value.filter(isEntity) : [];
}
