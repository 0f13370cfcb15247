import type { Command } from 'commander';
import { UserError } from '../../../shared/errors.js';
import { verifyAuditChainParallel } from '../../core/auditVerify.js';
import { withDesk, type GlobalOptions } from '../support.js';

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('the audit trail');
  audit
    .command('verify')
    .description("check the audit trail's hash chain")
    .action(async () => {
      await withDesk(program.opts<GlobalOptions>(), async (desk) => {
        const result = await verifyAuditChainParallel(desk.sqlite);
        if (!result.ok) {
          throw new UserError(
            'conflict',
            `Audit trail broken at event ${result.firstBad!.seq}: ${result.firstBad!.problem} (${result.checked} events checked before it).`,
          );
        }
        console.log(`Audit trail intact: ${result.checked} events checked.`);
      });
    });
}
