import type { FastifyCompressOptions } from '@fastify/compress';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { DESK_OUTDATED_CODE, joinBody, pullBody, pushBody, rowsBody, PULL_PAGE_ROWS, TOKEN_REFUSAL_CODES } from '../../shared/contract/syncWire.js';
import { UserError } from '../../shared/errors.js';
import { authenticate } from '../../main/auth/sessions.js';
import { schemaVersion } from '../../main/db/migrate.js';
import type { Desk } from '../../main/desk.js';
import { readChanges, readRows, readTable } from '../../main/sync/authority/changes.js';
import { authenticateDesk, newSyncToken, offerNewToken, syncTokenHash, type DeskAuthentication } from '../../main/sync/authority/desks.js';
import { applyPushedOps } from '../../main/sync/authority/push.js';
import { sendProblem } from '../reply.js';

/** A push page may carry imported files (base64) inside its ops. */
const DEFAULT_PUSH_BODY_LIMIT_BYTES = 256 * 1024 * 1024;
/**
 * Pulled pages (a centre's first sync, over mobile data) go compressed to a desk that accepts it;
 * small answers as they are. gzip at its fastest level (nginx's default): a page of 5,000 rows
 * compresses in about 15 ms, against 28 ms at gzip's default level and 58 ms as brotli, for 13%
 * more bytes; each page's compression delays the desk's next page (first sync ≤ 60 s).
 */
const PULL_COMPRESSION: Pick<FastifyCompressOptions, 'threshold' | 'encodings' | 'zlibOptions'> = {
  threshold: 1024,
  encodings: ['gzip', 'deflate'],
  zlibOptions: { level: 1 },
};
/** Sign-in attempts to join a desk, per client address and minute (answered 429 beyond). */
const JOIN_RATE_LIMIT = {
  max: 10,
  timeWindow: 60_000,
  errorResponseBuilder: () => Object.assign(new Error('Too many sign-in attempts from this address. Wait a minute and try again.'), { statusCode: 429 }),
};

const STATUS_OF: Partial<Record<string, number>> = {
  bad_credentials: 401,
  not_signed_in: 401,
  too_many_attempts: 429,
  user_disabled: 403,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
};

/**
 * The desks' side of the central service (ARCHITECTURE.md "Sync"): join (sign in as a user of the
 * service, get a desk token), push ops, pull changes since a cursor, and fetch rows by key.
 */
export function syncRoutes(desk: Desk, options: { pushBodyLimitBytes?: number } = {}) {
  return async (app: FastifyInstance): Promise<void> => {
    // One push, pull or rows request at a time: a push page is one transaction that may wait on
    // a command's own async work, and a pull reading between two of its ops would see them uncommitted.
    // The token is checked inside the turn too: a desk withdrawn by the push before is refused.
    let queue: Promise<unknown> = Promise.resolve();
    const oneAtATime = <T>(work: () => Promise<T>): Promise<T> => {
      const run = queue.then(work, work);
      queue = run.catch(() => undefined);
      return run;
    };
    const ours = schemaVersion(desk.sqlite);

    /** The parsed body, or a reply already sent (400 for a bad body, 409 for another schema version). */
    const bodyOf = <S extends z.ZodType>(schema: S, req: FastifyRequest, reply: FastifyReply): z.infer<S> | null => {
      const parsed = schema.safeParse(req.body);
      if (!parsed.success) {
        sendProblem(
          reply,
          400,
          `The request does not follow the sync protocol: ${parsed.error.issues
            .map((i) => `${i.path.join('.') || 'body'}: ${i.message}`)
            .slice(0, 3)
            .join('; ')}.`,
        );
        return null;
      }
      const theirs = (parsed.data as { schemaVersion: number }).schemaVersion;
      if (theirs !== ours) {
        sendProblem(
          reply,
          409,
          `This desk's database is at schema version ${theirs} and the central service's at ${ours}: update the app on the ${theirs < ours ? 'desk' : 'central service'} to the same version.`,
          theirs < ours ? DESK_OUTDATED_CODE : undefined,
        );
        return null;
      }
      return parsed.data;
    };
    const deskOf = (req: FastifyRequest, reply: FastifyReply): Extract<DeskAuthentication, { ok: true }> | null => {
      const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
      const auth = authenticateDesk(desk.write, token, desk.clock());
      if (auth.ok) return auth;
      sendProblem(reply, 401, auth.message, TOKEN_REFUSAL_CODES[auth.refusal]);
      return null;
    };

    app.post('/v1/sync/join', { config: { rateLimit: JOIN_RATE_LIMIT } }, async (req, reply) => {
      const body = bodyOf(joinBody, req, reply);
      if (!body) return reply;
      try {
        const actor = await authenticate(desk, body.username, body.password);
        const token = newSyncToken();
        const registered = await desk.dispatch(
          'sync.registerDesk',
          { deskName: body.deskName, centreCode: body.centreCode, tokenHash: syncTokenHash(token), originId: body.originId },
          actor,
        );
        if (!registered.ok) throw new UserError(registered.error.code, registered.error.message);
        const { deskId, centreId, centreName } = registered.value;
        return {
          deskId,
          token,
          centreId,
          centreName,
          serverSchemaVersion: ours,
          users: readTable(desk, 'users', centreId),
          centres: readTable(desk, 'centres', centreId),
        };
      } catch (err) {
        if (!(err instanceof UserError)) throw err;
        return sendProblem(reply, STATUS_OF[err.code] ?? 400, err.message);
      }
    });

    app.post('/v1/sync/push', { bodyLimit: options.pushBodyLimitBytes ?? DEFAULT_PUSH_BODY_LIMIT_BYTES }, (req, reply) =>
      oneAtATime(async () => {
        const from = deskOf(req, reply);
        const body = from && bodyOf(pushBody, req, reply);
        if (!from || !body) return reply;
        return { results: await applyPushedOps(desk, from.desk, body.ops) };
      }),
    );

    // A pull's answer may carry the desk's next token (authority/desks.ts `offerNewToken`).
    app.post('/v1/sync/pull', { compress: PULL_COMPRESSION }, (req, reply) =>
      oneAtATime(async () => {
        const from = deskOf(req, reply);
        const body = from && bodyOf(pullBody, req, reply);
        if (!from || !body) return reply;
        const token = offerNewToken(desk.write, from, desk.clock());
        return { ...readChanges(desk, body.cursor, body.limit ?? PULL_PAGE_ROWS, from.desk.centreId, body), ...(token ? { token } : {}) };
      }),
    );

    app.post('/v1/sync/rows', { compress: PULL_COMPRESSION }, (req, reply) =>
      oneAtATime(async () => {
        const from = deskOf(req, reply);
        const body = from && bodyOf(rowsBody, req, reply);
        if (!from || !body) return reply;
        return readRows(desk, body.keys, from.desk.centreId, true);
      }),
    );
  };
}
