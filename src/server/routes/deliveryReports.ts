import type { FastifyInstance } from 'fastify';
import { SYSTEM_ACTOR } from '../../main/core/actor.js';
import type { Desk } from '../../main/desk.js';
import { derivedOpId, sha256Hex } from '../opIds.js';
import { isPlainObject, sendProblem } from '../reply.js';
import { sameSecret } from '../signature.js';

/** The fields of Africa's Talking's delivery report that the `sms.deliveryReport` command reads. */
const FIELDS = ['id', 'status', 'phoneNumber', 'networkCode', 'failureReason', 'retryCount'] as const;

/**
 * `POST /v1/sms/delivery-reports/{token}`: the gateway's form-encoded delivery report. The
 * token is the secret setting `server.deliveryReportToken`; any other token gets the same 404
 * as an address that does not exist.
 */
export function deliveryReportRoutes(desk: Desk) {
  return async (app: FastifyInstance): Promise<void> => {
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });
    app.post<{ Params: { token: string } }>('/v1/sms/delivery-reports/:token', async (req, reply) => {
      const token = desk.setting('server.deliveryReportToken');
      if (token === '' || !sameSecret(req.params.token, token)) return sendProblem(reply, 404, 'Not found.');
      if (!isPlainObject(req.body))
        return sendProblem(reply, 400, 'Send the delivery report as form fields: id, status, phoneNumber, networkCode, failureReason, retryCount.');
      const body = req.body;
      const input: Record<string, string> = {};
      for (const field of FIELDS) {
        const value = body[field];
        if (typeof value === 'string' || typeof value === 'number') input[field] = String(value);
      }
      // A report the gateway sends again is the same op: recognised, not applied twice.
      const opId = derivedOpId('sms.deliveryReport', sha256Hex(JSON.stringify(input)), 0);
      const result = await desk.dispatch('sms.deliveryReport', input, SYSTEM_ACTOR, { opId });
      if (result.ok) return reply.code(200).send({ received: true });
      return sendProblem(reply, result.error.code === 'internal' ? 500 : 400, result.error.message);
    });
  };
}
