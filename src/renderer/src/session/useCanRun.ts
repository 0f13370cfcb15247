import { commands, type CommandName } from '../../../shared/contract/index.js';
import { useCan } from './SessionContext.js';

/**
 * Whether this session may run a command, by the permission the contract gives it. Only a
 * courtesy for showing buttons: the back end checks again on every call.
 */
export function useCanRun(name: CommandName): boolean {
  return useCan(commands[name].permission);
}
