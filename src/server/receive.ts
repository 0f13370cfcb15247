import { SYSTEM_ACTOR } from '../main/core/actor.js';
import type { Desk } from '../main/desk.js';
import { derivedOpId } from './opIds.js';
import { isPlainObject } from './reply.js';

/** The answer to a POST of eCitizen objects (INTERFACES.md "Central service edges"). */
export interface ReceiveAnswer {
  accepted: number;
  duplicates: number;
  errors: { index: number; message: string }[];
}

export type ReceiveKind = 'applications' | 'payments';

/**
 * Each object on its own, in order, as the `system` actor: a bad one is reported by its index
 * and does not stop the others. An object already stored (earlier, or earlier in the same list)
 * and an object of a request sent again (same op id) count as duplicates.
 */
export async function receiveObjects(desk: Desk, kind: ReceiveKind, items: readonly unknown[], bodySha256: string): Promise<ReceiveAnswer> {
  const answer: ReceiveAnswer = { accepted: 0, duplicates: 0, errors: [] };
  for (const [index, item] of items.entries()) {
    if (!isPlainObject(item)) {
      answer.errors.push({ index, message: `is not a JSON object (${describe(item)})` });
      continue;
    }
    const options = { opId: derivedOpId(`ecitizen.${kind}`, bodySha256, index) };
    const result =
      kind === 'applications'
        ? await desk.dispatch('applications.receive', { application: item }, SYSTEM_ACTOR, options)
        : await desk.dispatch('payments.receive', { notification: item }, SYSTEM_ACTOR, options);
    if (!result.ok) answer.errors.push({ index, message: result.error.message });
    else if (result.duplicate || result.value.outcome === 'duplicate') answer.duplicates++;
    else answer.accepted++;
  }
  return answer;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return `a ${typeof value}`;
}
