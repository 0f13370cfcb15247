import type { Command } from 'commander';
import { openProcessLog } from '../../log/processLog.js';
import { startWebServer } from '../../web/server.js';
import { defaultDataDir } from '../dataDir.js';
import { parsePort, type GlobalOptions } from '../support.js';
import { electronBinary, launchElectron } from '../electronLauncher.js';
import { stopOnSignals } from '../stopOnSignals.js';

async function serveWeb(program: Command, port: number): Promise<void> {
  const dataDir = program.opts<GlobalOptions>().data ?? defaultDataDir();
  const log = await openProcessLog(dataDir, 'web');
  const server = await startWebServer({ dataDir, port, log: log.logger }).catch(async (err: unknown) => {
    await log.close();
    throw err;
  });
  log.logger.info({ url: server.url }, 'web: listening');
  // As Jupyter prints its token: only someone who can read this terminal can set up the desk.
  if (server.firstRunCode) {
    console.log(`First-run code: ${server.firstRunCode}`);
    console.log('  No administrator exists yet: the first-run screen asks for this code.');
  }
  console.log(`Listening on ${server.url}`);
  console.log(`Data folder: ${dataDir}. Press Ctrl+C to stop.`);
  stopOnSignals(async () => {
    await server.close();
    log.logger.info('web: stopped');
    await log.close();
  });
}

export function registerServeCommands(program: Command): void {
  program
    .command('web')
    .description('serve the UI in a browser on 127.0.0.1 (browser mode)')
    .option('--port <n>', 'port (0 picks a free one)', '4780')
    .action(async (opts: { port: string }) => serveWeb(program, parsePort(opts.port)));

  program
    .command('start')
    .description('start the desktop app; where Electron cannot run, start browser mode instead')
    .option('--port <n>', 'port for browser mode', '4780')
    .action(async (opts: { port: string }) => {
      const binary = electronBinary();
      if (binary) {
        await launchElectron(binary, program.opts<GlobalOptions>().data);
        return;
      }
      console.log('Electron is not available on this machine (no Electron binary is installed): starting browser mode instead.');
      await serveWeb(program, parsePort(opts.port));
    });
}
