/**
 * `window.kmlttb`: the only way the renderer reaches the back end. The preload exposes it over
 * IPC in the desktop; in browser mode the renderer installs an HTTP implementation.
 */
import type { CommandInput, CommandName, CommandResult, QueryInput, QueryName, QueryResult } from './contract/index.js';
import type { Entity } from './contract/entities.js';
import type { ExportJob } from './contract/insight.js';
import type { FOLLOWED_IMPORTS, ImportJob } from './contract/common.js';
import type { FirstRunState, SessionInfo } from './contract/session.js';
import type { Result } from './errors.js';

export type FollowedImport = (typeof FOLLOWED_IMPORTS)[number];

export interface KmlttbBridge {
  command<N extends CommandName>(name: N, input: CommandInput<N>): Promise<Result<CommandResult<N>>>;
  query<N extends QueryName>(name: N, input: QueryInput<N>): Promise<Result<QueryResult<N>>>;
  login(username: string, password: string): Promise<Result<SessionInfo>>;
  unlock(password: string): Promise<Result<SessionInfo>>;
  lock(): Promise<Result<null>>;
  logout(): Promise<Result<null>>;
  session(): Promise<Result<SessionInfo | null>>;
  firstRun(): Promise<Result<FirstRunState>>;
  /** `code`: browser mode's one-time code, when `firstRun()` says `codeRequired`. */
  createFirstAdmin(input: { username: string; fullName: string; password: string; demo: boolean; code?: string }): Promise<Result<SessionInfo>>;
  /** Starts a report export in the background: `{report, format, from?, to?, centre?}`. */
  exportStart(input: { report: string; format: string; from?: string; to?: string; centre?: string }): Promise<Result<ExportJob>>;
  exportStatus(jobId: string): Promise<Result<ExportJob>>;
  exportCancel(jobId: string): Promise<Result<ExportJob>>;
  /** Hands over a finished export: a download in the browser, a save dialog in the desktop. */
  exportSave(jobId: string): Promise<Result<{ saved: boolean; fileName: string }>>;
  /**
   * Prints a PDF the desk made (certificates, a manifest): the browser's print dialog in browser
   * mode; in the desktop, the system print dialog (answered once it closes, printed or cancelled),
   * or, when printing fails, the computer's PDF viewer, whose Print is its system dialog.
   */
  printPdf(file: { fileName: string; dataBase64: string }): Promise<Result<{ opened: 'print-dialog' | 'pdf-viewer' }>>;
  /** Starts an import (`applications.import` or `payments.import`) that can be followed and cancelled. */
  importStart<N extends FollowedImport>(command: N, input: CommandInput<N>): Promise<Result<ImportJob<CommandResult<N>>>>;
  importStatus<N extends FollowedImport>(jobId: string): Promise<Result<ImportJob<CommandResult<N>>>>;
  /** Stops a running import: everything it wrote is rolled back. */
  importCancel(jobId: string): Promise<Result<ImportJob>>;
  /** Opens the desk's logs folder in the file manager (desktop); a browser cannot, so it answers `opened: false` and the path. */
  openLogsFolder(): Promise<Result<{ opened: boolean; path: string }>>;
  /**
   * Tells `listener` which entities changed on the desk (a commit, a sync pull, the SMS worker),
   * names only, while signed in; answers how to stop. After the link was lost and came back, every
   * entity is named once, since changes may have been missed meanwhile.
   */
  subscribe(listener: (entities: Entity[]) => void): () => void;
  /** 'desktop' over IPC, 'web' over HTTP on loopback. */
  readonly transport: 'desktop' | 'web';
}

/** Names of the transport calls, shared by IPC channels and HTTP routes. */
export const BRIDGE_CHANNELS = {
  command: 'kmlttb:command',
  query: 'kmlttb:query',
  session: 'kmlttb:session',
  export: 'kmlttb:export',
  import: 'kmlttb:import',
  /** Calls about the desk's computer rather than its data (opening the logs folder). */
  desk: 'kmlttb:desk',
} as const;

/** Events the main process sends to the desk window (`webContents.send`); the preload passes on only their entity names. */
export const BRIDGE_EVENTS = {
  /** `Entity[]`: what a commit, a sync pull or the SMS worker changed. */
  changed: 'kmlttb:changed',
} as const;

/**
 * Browser mode's HTTP binding of the same bridge (127.0.0.1 only). Every answer is a `Result`
 * envelope as JSON; the HTTP status mirrors the error code (400 invalid input, 401 not signed in
 * or locked, 403 forbidden, 404 not found, 409 invalid transition or conflict, 500 internal).
 * The session token travels as `Authorization: Bearer <token>`.
 *
 * Only requests addressed to the desk itself are answered: `Host` must be `127.0.0.1:PORT` or
 * `localhost:PORT`, and a POST whose `Origin` is another site is refused (403, plain text). The
 * first run takes the one-time code that `kmlttb web` prints on its `First-run code:` line.
 *
 *   POST /api/session/login   {username, password}  → SessionInfo
 *   POST /api/session/unlock  {password}            → SessionInfo
 *   POST /api/session/lock                          → null
 *   POST /api/session/logout                        → null
 *   GET  /api/session                               → SessionInfo | null
 *   GET  /api/first-run                             → FirstRunState
 *   POST /api/first-run       {username, fullName, password, demo, code} → SessionInfo
 *   POST /api/command/:name   input                 → command result
 *   POST /api/query/:name     input                 → query result
 *   POST /api/exports         {report, format, …}   → ExportJob
 *   GET  /api/exports/:id                           → ExportJob
 *   POST /api/exports/:id/cancel                    → ExportJob
 *   GET  /api/exports/:id/file                      → the file itself (attachment)
 *   POST /api/imports         {command, input}      → ImportJob
 *   GET  /api/imports/:id                           → ImportJob
 *   POST /api/imports/:id/cancel                    → ImportJob
 *   GET  /api/events                                → text/event-stream: `event: changed` with
 *        `data: ["application", …]` after each change, a `: keep-alive` comment every 25 s; refused
 *        (401, a Result) without a valid session, and ended when the session ends or locks.
 */
export const HTTP_ROUTES = {
  session: '/api/session',
  firstRun: '/api/first-run',
  command: '/api/command/',
  query: '/api/query/',
  exports: '/api/exports',
  imports: '/api/imports',
  events: '/api/events',
} as const;

export const HTTP_STATUS_FOR_ERROR: Record<string, number> = {
  invalid_input: 400,
  import_failed: 400,
  not_signed_in: 401,
  session_locked: 401,
  bad_credentials: 401,
  user_disabled: 403,
  forbidden: 403,
  too_many_attempts: 429,
  not_found: 404,
  invalid_transition: 409,
  conflict: 409,
  cancelled: 409,
  not_configured: 409,
  secret_sealed: 409,
  secret_unreadable: 409,
  signing_key_missing: 409,
  signing_key_unreadable: 409,
  folder_in_use: 409,
  backup_unusable: 400,
  schema_too_new: 500,
  internal: 500,
};
