import type { Command } from 'commander';
import { UserError } from '../../../shared/errors.js';
import { SYSTEM_ACTOR } from '../../core/actor.js';
import { unwrap, withDesk, type GlobalOptions } from '../support.js';

export function registerLicenceCommands(program: Command): void {
  program
    .command('verify-licence <payload>')
    .description('check a licence QR payload (or the verify address the QR code carries): valid, tampered, or revoked as far as this data folder knows')
    .action(async (payload: string) => {
      await withDesk(program.opts<GlobalOptions>(), async (desk) => {
        const r = unwrap(await desk.query('licence.verify', { payload }, SYSTEM_ACTOR));
        if (r.status !== 'valid') throw new UserError('conflict', `${r.status.toUpperCase()}: ${r.message}`);
        console.log(`VALID: ${r.message}`);
      });
    });
}
