import type { FastifyInstance } from 'fastify';
import { SYNC_PROTOCOL_VERSION } from '../../shared/contract/syncWire.js';
import { schemaVersion } from '../../main/db/migrate.js';
import type { Desk } from '../../main/desk.js';

/** What `GET /v1/health` answers (INTERFACES.md "Central service edges"). */
export interface HealthAnswer {
  status: 'ok';
  /** The database's migration version. */
  schemaVersion: number;
  /** The push/pull protocol version desks must speak. */
  protocol: number;
}

/** `GET /v1/health`: 200 `{status: "ok", schemaVersion, protocol}`. */
export function healthRoutes(desk: Desk) {
  return async (app: FastifyInstance): Promise<void> => {
    app.get('/v1/health', async (): Promise<HealthAnswer> => ({ status: 'ok', schemaVersion: schemaVersion(desk.sqlite), protocol: SYNC_PROTOCOL_VERSION }));
  };
}
