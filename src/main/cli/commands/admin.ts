import type { Command } from 'commander';
import { ROLES } from '../../../shared/permissions.js';
import { UserError } from '../../../shared/errors.js';
import { findCentre } from '../../admin/centresList.js';
import { SYSTEM_ACTOR } from '../../core/actor.js';
import { settingDef } from '../../settings/keys.js';
import { isSecretName } from '../../settings/secretNames.js';
import { actorFor, readPasswordFile, unwrap, withDesk, type GlobalOptions } from '../support.js';

export function registerAdminCommands(program: Command): void {
  program
    .command('init')
    .description('create the database and the first administrator')
    .requiredOption('--admin <username>', "the administrator's username")
    .option('--name <full name>', "the administrator's full name", 'Administrator')
    .action(async (opts: { admin: string; name: string }) => {
      const g = program.opts<GlobalOptions>();
      const password = readPasswordFile(g.passwordFile);
      await withDesk(g, async (desk) => {
        const { read } = desk;
        if (read.first(read.selectFrom('users').select('id').where('role', '=', 'admin').limit(1)))
          throw new UserError('conflict', `This data folder has an administrator already (${desk.file}).`);
        unwrap(await desk.dispatch('user.create', { username: opts.admin, fullName: opts.name, role: 'admin', password }, SYSTEM_ACTOR));
        console.log(`Created ${desk.file} with administrator '${opts.admin.toLowerCase()}'.`);
      });
    });

  const users = program.command('users').description('manage staff users');
  users
    .command('add')
    .description('add a user')
    .requiredOption('--username <u>', 'username')
    .requiredOption('--name <full name>', 'full name')
    .requiredOption('--role <role>', ROLES.join(' | '))
    .option('--centre <code or name>', "the clerk's centre: its code or its name")
    .action(async (opts: { username: string; name: string; role: string; centre?: string }) => {
      const g = program.opts<GlobalOptions>();
      const password = readPasswordFile(g.passwordFile);
      await withDesk(g, async (desk) => {
        // --password-file is the new user's password; whoever can open the data folder acts as the system.
        const actor = SYSTEM_ACTOR;
        let centreId: string | undefined;
        if (opts.centre) {
          const centre = findCentre(desk.read, opts.centre);
          if (!centre) throw new UserError('invalid_input', `There is no centre '${opts.centre}'.`);
          centreId = centre.id;
        }
        const user = unwrap(await desk.dispatch('user.create', { username: opts.username, fullName: opts.name, role: opts.role, centreId, password }, actor));
        console.log(`Added ${user.role} '${user.username}'${user.centreName ? ` at ${user.centreName}` : ''}.`);
      });
    });

  const config = program.command('config').description('read or change a setting');
  config.command('get <key>').action(async (key: string) => {
    await withDesk(program.opts<GlobalOptions>(), async (desk) => {
      const def = settingDef(key);
      if (!def) throw new UserError('invalid_input', `There is no setting '${key}'.`);
      // A secret is never printed, nor opened to say whether it is set (the desktop app may have sealed it).
      if (isSecretName(def.key)) console.log(desk.secrets.has(def.key) ? '(set, hidden)' : '');
      else console.log(desk.setting(key));
    });
  });
  config.command('set <key> <value>').action(async (key: string, value: string) => {
    const g = program.opts<GlobalOptions>();
    await withDesk(g, async (desk) => {
      const actor = await actorFor(desk, g, true);
      const row = unwrap(await desk.dispatch('setting.set', { key, value }, actor));
      console.log(`${row.key} = ${row.value}`);
    });
  });
}
