/**
 * What follows from the facts each contract entry states (index.ts), so that nothing keeps a
 * copy by hand: the commands that stay on the desk, the push allow-list, the labels of refused
 * changes, and which queries a change makes stale.
 */
import type { Entity } from './entities.js';
import { commands, queries, type CommandName, type QueryName } from './index.js';

const COMMAND_NAMES = Object.keys(commands) as CommandName[];
const QUERY_NAMES = Object.keys(queries) as QueryName[];

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(commands, name);
}

/** Commands about the desk itself: never recorded in the outbox, never taken from a desk. */
export const DESK_LOCAL_COMMANDS: ReadonlySet<string> = new Set(COMMAND_NAMES.filter((n) => commands[n].sync === 'desk'));

/** The push allow-list: the commands the central service takes from a desk (from the user who made and signed each). */
export const PUSHED_COMMANDS: ReadonlySet<string> = new Set(COMMAND_NAMES.filter((n) => commands[n].sync === 'central'));

/** A change in the words staff use; a name this version does not know (an older desk's op) is shown as it is. */
export function commandLabel(name: string): string {
  return isCommandName(name) ? commands[name].label : name;
}

/** What a committed command made stale: the entities it affects, and the audit trail every command appends to. */
export function entitiesChangedBy(name: CommandName): Entity[] {
  return [...new Set<Entity>([...commands[name].affects, 'audit'])];
}

/** The queries that read any of these entities. */
export function queriesReading(entities: Iterable<Entity>): QueryName[] {
  const changed = new Set(entities);
  return QUERY_NAMES.filter((q) => queries[q].reads.some((e) => changed.has(e)));
}
