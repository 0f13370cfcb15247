import { v7 as uuidv7 } from 'uuid';

/** IDs are UUIDv7 strings: unique across desks, and sortable by creation time. */
export function newId(): string {
  return uuidv7();
}
