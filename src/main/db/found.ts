import { UserError } from '../../shared/errors.js';

/** The row a query found, or a not_found error: "No `what`." */
export function found<T>(row: T | undefined, what: string): T {
  if (!row) throw new UserError('not_found', `No ${what}.`);
  return row;
}
