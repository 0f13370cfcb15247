import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../../shared/errors.js';
import { SECRET_ENV, SECRET_NAMES } from './secretNames.js';

/**
 * systemd's credentials (`LoadCredential=db.key:/etc/kmlttb/db.key` in the unit): a service
 * started with them finds each secret as a file named after it in `$CREDENTIALS_DIRECTORY`,
 * readable by the service alone and never in its environment block. Each one found gives the
 * secret's environment variable (secretNames.ts) its value unless that variable is set already,
 * so every reader of the environment (the database key, the settings) takes it from there.
 */
export function credentialsAsEnvironment(env: NodeJS.ProcessEnv): Record<string, string> {
  const folder = env.CREDENTIALS_DIRECTORY;
  if (!folder) return {};
  const found: Record<string, string> = {};
  for (const name of SECRET_NAMES) {
    const variable = SECRET_ENV[name];
    if (env[variable]) continue;
    const value = readCredential(path.join(folder, name), name);
    if (value !== null) found[variable] = value;
  }
  return found;
}

/** Puts the credentials into this process's environment (the central service does at start). */
export function loadCredentials(env: NodeJS.ProcessEnv = process.env): void {
  Object.assign(env, credentialsAsEnvironment(env));
}

function readCredential(file: string, name: string): string | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new UserError('invalid_input', `Cannot read the credential ${name} at ${file}: ${(err as NodeJS.ErrnoException).code ?? 'unreadable'}.`);
  }
  // A file written with `echo` ends with a line break that is no part of the secret.
  const value = text.replace(/\r?\n$/, '');
  if (value === '') throw new UserError('invalid_input', `The credential ${name} at ${file} is empty.`);
  return value;
}
