import type { FastifyInstance } from 'fastify';
import { schemaVersion } from '../../main/db/migrate.js';
import type { Desk } from '../../main/desk.js';

/** `GET /v1/health`: 200 `{status: "ok", schemaVersion}` (the database's migration version). */
export function healthRoutes(desk: Desk) {
  return async (app: FastifyInstance): Promise<void> => {
    app.get('/v1/health', async () => ({ status: 'ok' as const, schemaVersion: schemaVersion(desk.sqlite) }));
  };
}
