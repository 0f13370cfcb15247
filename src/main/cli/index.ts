import { Command, CommanderError } from 'commander';
import { UserError } from '../../shared/errors.js';
import { registerAdminCommands } from './commands/admin.js';
import { registerAuditCommands } from './commands/audit.js';
import { registerBackupCommands } from './commands/backup.js';
import { registerDataCommands } from './commands/data.js';
import { registerLicenceCommands } from './commands/licences.js';
import { registerServeCommands } from './commands/serve.js';
import { registerServerCommands } from './commands/server.js';
import { registerSyncCommand } from './commands/sync.js';
import { registerSmsCommands } from './commands/sms.js';
import { VERSION } from '../version.js';

/** `kmlttb`: exit 0 on success, 1 on a user error (one clear line), 2 on bad usage. */
export function buildProgram(): Command {
  const program = new Command('kmlttb')
    .description('KMLTTB Licensing Desk: the Board staff back office, from the command line')
    .version(VERSION, '--version', 'print the version')
    .option('--data <dir>', "data folder (database, settings, exports); default: the desktop app's folder")
    .option('--user <username>', 'act as this user (with --password-file)')
    .option('--password-file <file>', 'file holding the password')
    .showHelpAfterError()
    .exitOverride();
  registerAdminCommands(program);
  registerDataCommands(program);
  registerAuditCommands(program);
  registerBackupCommands(program);
  registerLicenceCommands(program);
  registerSmsCommands(program);
  registerServeCommands(program);
  registerServerCommands(program);
  registerSyncCommand(program);
  program.commands.forEach(function exitOverrideAll(c: Command) {
    c.exitOverride();
    c.commands.forEach(exitOverrideAll);
  });
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof UserError) {
      process.stderr.write(`kmlttb: ${err.message}\n`);
      return 1;
    }
    process.stderr.write(`kmlttb: unexpected error: ${err instanceof Error ? err.stack : String(err)}\n`);
    return 1;
  }
}
