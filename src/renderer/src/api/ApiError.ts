import type { ErrorBody, ErrorCode, ErrorIssue } from '../../../shared/errors.js';

/** A failed call to the back end, carrying the Result envelope's error body. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly issues: ErrorIssue[];
  readonly ref: string | undefined;

  constructor(body: ErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.code = body.code;
    this.field = body.field;
    this.issues = body.issues ?? [];
    this.ref = body.ref;
  }
}

/** The reference a person can quote for an unexpected error, when there is one. */
export function errorRef(error: unknown): string | undefined {
  return error instanceof ApiError ? error.ref : undefined;
}

/** A message fit to show a person. Unexpected errors get a short apology. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'internal') return 'Sorry, something went wrong on the desk.';
    return error.message;
  }
  return 'Sorry, something went wrong on this screen.';
}

/** The message for one field: an issue naming it (its own words, without the field's name), or the error's `field`. */
export function fieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const issue = error.issues.find((i) => i.where === field);
  if (issue) return issue.message;
  return error.field === field ? error.message : undefined;
}

/**
 * One problem as a line: a sentence about a field (`fullName`, `rows.3.phone`) already names it,
 * so it stands alone; anything else says where it is first (`line 4, phone: …`).
 */
export function issueText(issue: ErrorIssue): string {
  const namesItself = /^[A-Za-z][\w.]*$/.test(issue.where) && /^[A-Z]/.test(issue.message);
  return namesItself ? issue.message : `${issue.where}: ${issue.message}`;
}
