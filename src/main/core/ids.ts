import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';

interface OpIdScope {
  opId: string;
  next: number;
}
const opScope = new AsyncLocalStorage<OpIdScope>();

/**
 * IDs are UUIDv7 strings: unique across desks, and sortable by creation time. Inside a command
 * (see `withOpIds`) they are derived from the op's id instead, so that the central service,
 * applying the same op with the same code, gives its rows the same ids as the desk did: an op
 * made offline can then refer to a record that an earlier offline op created.
 */
export function newId(): string {
  const scope = opScope.getStore();
  if (!scope) return uuidv7();
  const hex = createHash('sha256').update(`${scope.opId}\n${scope.next++}`).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Runs one command's work with ids derived from its op id (UUID version 8, name-based). */
export function withOpIds<T>(opId: string, work: () => Promise<T>): Promise<T> {
  return opScope.run({ opId, next: 0 }, work);
}
