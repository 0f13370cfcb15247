import { defineQuery } from '../core/registry.js';
import { exportKeepDays } from './exportSweep.js';

/** What the export screen tells people: how long an export stays on this computer. */
export const exportsPolicy = defineQuery('exports.policy', async ({ desk }) => ({ keepDays: exportKeepDays(desk) }));
