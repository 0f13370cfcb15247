import type { Command } from 'commander';
import { UserError } from '../../../shared/errors.js';
import { SmsWorker } from '../../sms/worker.js';
import { readSyncState } from '../../sync/state.js';
import { withDesk, type GlobalOptions } from '../support.js';

export function registerSmsCommands(program: Command): void {
  const sms = program.command('sms').description('the SMS queue');
  sms
    .command('send-pending')
    .description('send the queued SMS now and print the outcome')
    .action(async () => {
      await withDesk(program.opts<GlobalOptions>(), async (desk) => {
        const { read } = desk;
        const queued = () =>
          read.first(
            read
              .selectFrom('sms_messages')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .where('state', '=', 'queued'),
          )!.n;
        const report = await new SmsWorker(desk).drain();
        if (report.sentByServer) {
          throw new UserError(
            'conflict',
            `This desk syncs with ${readSyncState(desk.read)?.serverUrl ?? 'a central service'}: the service sends the SMS, not this desk. Run kmlttb sync to send the changes that queue them.`,
          );
        }
        if (report.notConfigured) {
          throw new UserError('not_configured', `${report.notConfigured} ${queued()} messages wait in the queue.`);
        }
        console.log(
          `Sent ${report.sent}, failed ${report.failed}, uncertain ${report.uncertain}, waiting to retry ${report.retrying}; ${queued()} still queued.`,
        );
        if (report.paused) throw new UserError('conflict', `Sending is paused: ${report.paused}`);
      });
    });
}
