import { randomBytes } from 'node:crypto';
import { ZodError } from 'zod';
import { UserError, type ErrorBody } from '../../shared/errors.js';

/** Turns anything thrown into an error body: user errors as they are, the rest logged with a reference. */
export function toErrorBody(err: unknown, context: string): ErrorBody {
  if (err instanceof UserError) return err.toBody();
  if (err instanceof ZodError) return zodToUserError(err).toBody();
  const ref = randomBytes(4).toString('hex').toUpperCase();
  console.error(`[${ref}] ${context}:`, err);
  return { code: 'internal', message: `Something went wrong on our side. Quote reference ${ref} when you report it.`, ref };
}

export function zodToUserError(err: ZodError): UserError {
  const issues = err.issues.map((i) => ({
    where: i.path.length ? i.path.join('.') : 'input',
    message: i.message,
  }));
  const first = issues[0]!;
  const message = issues.length === 1 ? `${first.where}: ${first.message}` : `${issues.length} problems in the input, first ${first.where}: ${first.message}`;
  return new UserError('invalid_input', message, { field: first.where, issues });
}
