import type { Command } from 'commander';
import { UserError } from '../../../shared/errors.js';
import { requireSecureAddress } from '../../../shared/secureUrl.js';
import { SYSTEM_ACTOR } from '../../core/actor.js';
import type { Desk } from '../../desk.js';
import { checkHealth } from '../../sync/http.js';
import { syncRound, type RoundReport } from '../../sync/round.js';
import { readSyncState } from '../../sync/state.js';
import { defaultDataDir } from '../dataDir.js';
import { progress, readPasswordFile, unwrap, withDesk, type GlobalOptions } from '../support.js';

/**
 * `kmlttb sync [--server URL]`: one push and pull now. A desk that has not joined joins first,
 * signing in to the service as `--user U --password-file F` (an administrator of the central service).
 */
export function registerSyncCommand(program: Command): void {
  program
    .command('sync')
    .description('on a desk: push and pull once now, and print what was sent and received')
    .option('--server <url>', 'the central service (default: the one this desk joined, or the setting sync.serverUrl)')
    .option('--centre <code>', 'when joining: this desk serves one collection centre')
    .action(async (opts: { server?: string; centre?: string }) => {
      const global = program.opts<GlobalOptions>();
      await withDesk({ data: global.data ?? defaultDataDir() }, async (desk) => {
        await joinIfNeeded(desk, global, opts);
        const shown = progress('Changes received');
        let report: RoundReport;
        try {
          report = await syncRound(desk, (p) => shown(p.received));
        } finally {
          shown.done();
        }
        printReport(report);
      });
    });
}

async function joinIfNeeded(desk: Desk, global: GlobalOptions, opts: { server?: string; centre?: string }): Promise<void> {
  const joined = readSyncState(desk.read);
  const wanted = (opts.server ?? joined?.serverUrl ?? desk.setting('sync.serverUrl')).trim().replace(/\/+$/, '');
  if (wanted === '') throw new UserError('not_configured', 'No central service: give --server URL, or set one with kmlttb config set sync.serverUrl URL.');
  requireSecureAddress(wanted, opts.server !== undefined ? '--server' : joined ? 'The central service address' : 'sync.serverUrl');
  if (joined) {
    if (joined.serverUrl !== wanted)
      throw new UserError('conflict', `This desk syncs with ${joined.serverUrl}, not ${wanted}. An administrator leaves that one first (Settings, Sync).`);
    // Refused at the last round (withdrawn, expired): an administrator signing in joins it again.
    if (joined.refusal && global.user) {
      const again = unwrap(await desk.dispatch('sync.joinAgain', { username: global.user, password: readPasswordFile(global.passwordFile) }, SYSTEM_ACTOR));
      console.log(`Joined ${again.serverUrl} again as '${again.deskName}'${again.centreName ? ` for ${again.centreName}` : ''}.`);
    }
    return;
  }
  await checkHealth(wanted);
  if (!global.user) {
    throw new UserError(
      'not_configured',
      `This desk has not joined ${wanted} yet: sign in to it once with --user U --password-file F (an administrator of the central service).`,
    );
  }
  const result = unwrap(
    await desk.dispatch(
      'sync.join',
      {
        serverUrl: wanted,
        deskName: desk.setting('desk.name'),
        username: global.user,
        password: readPasswordFile(global.passwordFile),
        ...(opts.centre ? { centreCode: opts.centre } : {}),
      },
      SYSTEM_ACTOR,
    ),
  );
  console.log(
    `Joined ${result.serverUrl} as '${result.deskName}'${result.centreName ? ` for ${result.centreName}` : ''}; ${result.users} users can sign in here.`,
  );
}

function printReport(r: RoundReport): void {
  console.log(`Ops sent: ${r.sent}; applied: ${r.applied}; duplicate: ${r.duplicate}; rejected: ${r.rejected.length}.`);
  for (const x of r.rejected) console.log(`  rejected ${x.name} (${x.opId}): ${x.reason}`);
  console.log(`Changes received: ${r.received}.`);
}
