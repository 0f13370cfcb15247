import { defineQuery } from './core/registry.js';
import { logsDirOf } from './log/logger.js';
import { PRODUCT_NAME, VERSION } from './version.js';

export const deskAbout = defineQuery('desk.about', async ({ desk }) => ({
  productName: PRODUCT_NAME,
  version: VERSION,
  dataDir: desk.dataDir,
  logsDir: logsDirOf(desk.dataDir),
}));
