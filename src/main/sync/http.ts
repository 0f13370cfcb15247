import { UserError, type ErrorCode } from '../../shared/errors.js';
import { SYNC_PROTOCOL_VERSION, TOKEN_REFUSAL_CODES } from '../../shared/contract/syncWire.js';
import { requireSecureAddress } from '../../shared/secureUrl.js';

const REQUEST_TIMEOUT_MS = 60_000;

/** The server could not be reached (or did not answer in time): the desk works offline and tries again later. */
export class SyncUnreachable extends UserError {
  constructor(url: string, detail: string) {
    super('server_unreachable', `Cannot reach the central service at ${url}: ${detail}.`);
  }
}

/** Why the service refuses a desk's token, as its 401 says (`code`). */
const TOKEN_REFUSALS: ReadonlySet<ErrorCode> = new Set(Object.values(TOKEN_REFUSAL_CODES));

/** The server answered with a refusal: the round stops and says why. */
export class SyncRefused extends UserError {
  constructor(
    readonly status: number,
    message: string,
    /** The service's `code` for the refusal, when it gave one (e.g. DESK_OUTDATED_CODE). */
    readonly serviceCode?: unknown,
  ) {
    super(
      status === 401
        ? TOKEN_REFUSALS.has(serviceCode as ErrorCode)
          ? (serviceCode as ErrorCode)
          : 'not_signed_in'
        : status === 409
          ? 'version_mismatch'
          : 'sync_refused',
      message,
    );
  }
}

/** One call to the central service's sync protocol: JSON in and out, with the desk's token. */
export async function syncCall<T>(serverUrl: string, path: string, body: Record<string, unknown>, token?: string): Promise<T> {
  requireSecureAddress(serverUrl, 'The central service address');
  const request = () =>
    fetch(`${serverUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ protocol: SYNC_PROTOCOL_VERSION, ...body }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  let res: Response;
  try {
    res = await request().catch((err: unknown) => {
      // A kept-alive connection the server closed (it restarted): one more try on a new one is
      // safe, since every call is idempotent (pushed ops are deduplicated by their id).
      if (staleConnection(err)) return request();
      throw err;
    });
  } catch (err) {
    throw new SyncUnreachable(serverUrl, describeFetchError(err));
  }
  const text = await res.text().catch(() => '');
  const json = parse(text);
  if (res.ok && json !== undefined) return json as T;
  if (res.status >= 500 || res.status === 429) {
    throw new SyncUnreachable(serverUrl, `it answered HTTP ${res.status}${messageOf(json) ? ` (${messageOf(json)})` : ''}`);
  }
  const code = (json as { code?: unknown } | undefined)?.code;
  if (res.status === 401)
    throw new SyncRefused(401, messageOf(json) ?? 'The central service no longer accepts this desk: join it again under Settings, Sync.', code);
  throw new SyncRefused(res.status, messageOf(json) ?? `The central service answered HTTP ${res.status}.`, code);
}

/** Checks that a central service answers at this address (before a desk signs in to it). */
export async function checkHealth(serverUrl: string): Promise<void> {
  requireSecureAddress(serverUrl, 'The central service address');
  let res: Response;
  try {
    res = await fetch(`${serverUrl}/v1/health`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  } catch (err) {
    throw new SyncUnreachable(serverUrl, describeFetchError(err));
  }
  const body = parse(await res.text().catch(() => '')) as { status?: unknown; protocol?: unknown } | undefined;
  if (!res.ok || body?.status !== 'ok') {
    throw new SyncRefused(res.status, `${serverUrl} answered /v1/health with HTTP ${res.status}: it is not a working KMLTTB central service.`);
  }
  if (typeof body.protocol === 'number' && body.protocol !== SYNC_PROTOCOL_VERSION) {
    const older = body.protocol < SYNC_PROTOCOL_VERSION ? 'central service' : 'desk';
    throw new SyncRefused(
      409,
      `${serverUrl} speaks sync protocol ${body.protocol} and this desk ${SYNC_PROTOCOL_VERSION}: update the app on the ${older} to the same version.`,
    );
  }
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function messageOf(json: unknown): string | undefined {
  return typeof json === 'object' && json !== null && typeof (json as { message?: unknown }).message === 'string'
    ? (json as { message: string }).message
    : undefined;
}

function staleConnection(err: unknown): boolean {
  const cause = err instanceof Error ? (err.cause as { code?: string } | undefined) : undefined;
  return cause?.code === 'UND_ERR_SOCKET' || cause?.code === 'ECONNRESET';
}

/** TLS verification failures that a private certificate authority not yet trusted here causes. */
const UNTRUSTED_CERTIFICATE = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
]);

function describeFetchError(err: unknown): string {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) return 'no answer in time';
  const cause = err instanceof Error ? (err.cause as { code?: string; message?: string } | undefined) : undefined;
  if (cause?.code === 'ECONNREFUSED') return 'connection refused (is the service running?)';
  if (cause?.code === 'ENOTFOUND') return 'unknown host';
  if (cause?.code && UNTRUSTED_CERTIFICATE.has(cause.code)) {
    return `its certificate is not trusted here (${cause.code}): when the Board signs its own, point NODE_EXTRA_CA_CERTS at the Board's CA certificate`;
  }
  return cause?.message ?? (err instanceof Error ? err.message : String(err));
}
