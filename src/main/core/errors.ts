import { randomBytes } from 'node:crypto';
import { ZodError } from 'zod';
import { UserError, type ErrorBody } from '../../shared/errors.js';
import { storageUserError } from './storageErrors.js';
import type { Logger } from '../log/logger.js';

/** Turns anything thrown into an error body: user errors as they are, the rest logged (with its stack) under a reference. */
export function toErrorBody(err: unknown, context: string, log: Logger): ErrorBody {
  if (err instanceof UserError) return err.toBody();
  if (err instanceof ZodError) return zodToUserError(err).toBody();
  const storage = storageUserError(err);
  if (storage) {
    log.warn({ code: storage.code, context, reason: err instanceof Error ? err.message : String(err) }, storage.message);
    return storage.toBody();
  }
  const ref = randomBytes(4).toString('hex').toUpperCase();
  log.error({ err, ref, context }, `internal error ${ref}`);
  return { code: 'internal', message: `Something went wrong on our side. Quote reference ${ref} when you report it.`, ref };
}

/**
 * A failed input check as a user error: `issues` name each field by its path (the screens put each
 * message under its field); the message is the first problem as a sentence. People's messages
 * (the schema's own, or `peopleMessage` passed to the parse) name the field already; a fragment
 * such as "is not an Ed25519 public key" is prefixed with where it is.
 */
export function zodToUserError(err: ZodError): UserError {
  const issues = err.issues.map((i) => ({
    where: i.path.length ? i.path.join('.') : 'input',
    message: i.message,
  }));
  const first = issues[0]!;
  const sentence = /^[A-Z]/.test(first.message) ? first.message : `${first.where}: ${first.message}`;
  const message = issues.length === 1 ? sentence : `${issues.length} problems in the input, first: ${sentence}`;
  return new UserError('invalid_input', message, { field: first.where, issues });
}
