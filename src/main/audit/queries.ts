import { verifyAuditChain } from '../core/audit.js';
import { defineQuery } from '../core/registry.js';

export const auditVerify = defineQuery('audit.verify', async (db, { sqlite }) =>
  db.connection().execute(async () => verifyAuditChain(sqlite)));
