import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Desk } from '../../main/desk.js';
import { sha256Hex } from '../opIds.js';
import { receiveObjects, type ReceiveKind } from '../receive.js';
import { isPlainObject, sendProblem } from '../reply.js';
import { checkSignature, SIGNATURE_HEADER } from '../signature.js';

export interface EcitizenRouteOptions {
  /** Largest body accepted; a larger one gets 413. */
  bodyLimitBytes: number;
}

/**
 * `POST /v1/ecitizen/applications` and `POST /v1/ecitizen/payments`: JSON, one object or a
 * list, signed with the shared secret. The signature covers the raw bytes, so the body is kept
 * as it came and checked before it is parsed: an unsigned request is refused whatever it holds.
 */
export function ecitizenRoutes(desk: Desk, options: EcitizenRouteOptions) {
  return async (app: FastifyInstance): Promise<void> => {
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: options.bodyLimitBytes }, (_req, body, done) => done(null, body));
    const handle = (kind: ReceiveKind) => async (req: FastifyRequest, reply: FastifyReply) => {
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const signature = checkSignature(raw, req.headers[SIGNATURE_HEADER], desk.setting('server.ecitizenSecret'));
      if (!signature.ok) return sendProblem(reply, 401, signature.message);
      const parsed = parseJson(raw);
      if (!parsed.ok) return sendProblem(reply, 400, parsed.message);
      const items = Array.isArray(parsed.value) ? parsed.value : isPlainObject(parsed.value) ? [parsed.value] : null;
      if (!items) return sendProblem(reply, 400, `Send one ${noun(kind)} object or a list of them, not ${JSON.stringify(parsed.value).slice(0, 40)}.`);
      return reply.code(200).send(await receiveObjects(desk, kind, items, sha256Hex(raw)));
    };
    app.post('/v1/ecitizen/applications', handle('applications'));
    app.post('/v1/ecitizen/payments', handle('payments'));
  };
}

function parseJson(raw: Buffer): { ok: true; value: unknown } | { ok: false; message: string } {
  const text = raw.toString('utf8').replace(/^\uFEFF/, '');
  if (text.trim() === '') return { ok: false, message: 'The body is empty: send JSON.' };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    return { ok: false, message: `The body is not JSON: ${err instanceof Error ? err.message : String(err)}` };
  }
}

function noun(kind: ReceiveKind): string {
  return kind === 'applications' ? 'application' : 'payment notification';
}
