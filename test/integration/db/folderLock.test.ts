import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { lockDataFolder } from '../../../src/main/db/folderLock.js';
import { tempDir } from '../support/tempDesk.js';

const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

/** Another program holding the folder's lock, as `kmlttb web` does. */
async function holder(dir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/integration/support/holdFolderLock.ts', dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && resolve());
    child.once('exit', (code) => reject(new Error(`the lock holder exited (${code})`)));
  });
  return child;
}

describe('the data folder lock', () => {
  it('refuses while another program holds it, naming the folder', async () => {
    const dir = tempDir();
    await holder(dir);
    await expect(lockDataFolder(dir)).rejects.toMatchObject({ code: 'folder_in_use', message: expect.stringContaining(dir) });
  });

  it('takes over at once from a program that was killed, without waiting for the lock to go stale', async () => {
    const dir = tempDir();
    const killed = await holder(dir);
    await new Promise((resolve) => {
      killed.once('exit', resolve);
      killed.kill('SIGKILL');
    });
    const lock = await lockDataFolder(dir);
    await lock.release();
    // Released cleanly, it is free for the next program.
    await (await lockDataFolder(dir)).release();
  });
});
