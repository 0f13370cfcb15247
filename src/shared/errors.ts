/** Errors a person can fix carry a stable code and name the field, file or line. */
export const ERROR_CODES = [
  'invalid_input',
  'not_found',
  'forbidden',
  'not_signed_in',
  /** The central service refuses this desk's token: withdrawn by an administrator, or not used for too long. */
  'desk_withdrawn',
  'desk_token_expired',
  'session_locked',
  'bad_credentials',
  'too_many_attempts',
  'user_disabled',
  'invalid_transition',
  'conflict',
  'import_failed',
  'not_configured',
  /** A secret the desktop app sealed, asked for by plain Node (the CLI, browser mode, the service). */
  'secret_sealed',
  /** A secret, or the secrets file, that cannot be read here. */
  'secret_unreadable',
  /** The Board's licence signing key is not stored although licences were signed with it. */
  'signing_key_missing',
  /** The stored licence signing key cannot be read, or is not the key that signed this desk's licences. */
  'signing_key_unreadable',
  /** The data folder's database key is missing, malformed, or not the key that encrypted it. */
  'database_key',
  'schema_too_new',
  /** The data folder is open in another program (the app, `kmlttb web`, `kmlttb server`). */
  'folder_in_use',
  /** A file offered as a backup that is damaged, foreign, or from a newer version. */
  'backup_unusable',
  'server_unreachable',
  'sync_refused',
  'version_mismatch',
  /** The disk holding the data folder is full (SQLITE_FULL): the change was rolled back. */
  'disk_full',
  /** Another connection kept the database locked past the busy timeout (SQLITE_BUSY): the change was rolled back. */
  'database_busy',
  /** Long work the person stopped (an import's Cancel): nothing of it was kept. */
  'cancelled',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorIssue {
  /** e.g. `line 4`, `reason`, `applications.csv line 7, field phone` */
  where: string;
  message: string;
}

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  field?: string;
  issues?: ErrorIssue[];
  /** For internal errors: a reference the person can quote. */
  ref?: string;
}

export class UserError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: { field?: string; issues?: ErrorIssue[] } = {},
  ) {
    super(message);
    this.name = 'UserError';
  }

  toBody(): ErrorBody {
    return { code: this.code, message: this.message, ...this.extra };
  }
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorBody };
