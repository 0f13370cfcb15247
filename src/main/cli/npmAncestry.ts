import fs from 'node:fs';

/** A process and the parent it had when watching began. */
interface Link {
  pid: number;
  parent: number;
}

/** A process's parent as /proc says (Linux); null where there is no /proc or the process is gone. */
function parentOf(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (command) state ppid …": the command may itself hold spaces and parentheses.
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

function commandOf(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

/**
 * The links from this process up to the npm that runs it as a script: this process and its parent
 * and, when that parent is the shell npm runs scripts through, the shell and npm. npm names itself
 * "npm …" (its process title). Where /proc cannot say, only this process's own link is watched.
 */
function linksToNpm(): Link[] {
  const links: Link[] = [{ pid: process.pid, parent: process.ppid }];
  if (commandOf(process.ppid).startsWith('npm')) return links;
  const grandparent = parentOf(process.ppid);
  if (grandparent !== null && commandOf(grandparent).startsWith('npm')) links.push({ pid: process.ppid, parent: grandparent });
  return links;
}

/**
 * Whether the npm that runs this process as a script has gone: a link to it has changed (a parent
 * that exits leaves its children with another). The shell between npm and this process does not
 * pass npm's signals on, and may outlive npm, as when npm is killed outright.
 */
export function watchNpmAncestry(): () => boolean {
  const links = linksToNpm();
  return () => links.some(({ pid, parent }) => (pid === process.pid ? process.ppid : parentOf(pid)) !== parent);
}
