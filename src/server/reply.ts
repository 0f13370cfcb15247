import type { FastifyReply } from 'fastify';
import { STATUS_CODES } from 'node:http';

/** An error answer, in the shape fastify gives its own: `{statusCode, error, message}`, and a stable `code` where one helps the caller. */
export interface ProblemBody {
  statusCode: number;
  error: string;
  message: string;
  code?: string;
}

export function problemBody(statusCode: number, message: string, code?: string): ProblemBody {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message, ...(code ? { code } : {}) };
}

export function sendProblem(reply: FastifyReply, statusCode: number, message: string, code?: string): FastifyReply {
  return reply.code(statusCode).send(problemBody(statusCode, message, code));
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
