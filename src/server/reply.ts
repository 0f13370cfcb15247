import type { FastifyReply } from 'fastify';
import { STATUS_CODES } from 'node:http';

/** An error answer, in the shape fastify gives its own: `{statusCode, error, message}`. */
export interface ProblemBody {
  statusCode: number;
  error: string;
  message: string;
}

export function problemBody(statusCode: number, message: string): ProblemBody {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message };
}

export function sendProblem(reply: FastifyReply, statusCode: number, message: string): FastifyReply {
  return reply.code(statusCode).send(problemBody(statusCode, message));
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
