/**
 * Secrets (the SMS gateway API key, the sync token, the Board's licence signing key, the central
 * service's eCitizen secret and delivery-report token) are kept apart from plain settings, in the
 * data folder's `secrets.json` (layout: secretsFormat.ts), readable by its owner only. The desktop
 * app seals each value with the operating system (electron/safeSecrets.ts passes its sealer); plain
 * Node keeps them in clear and cannot open what the app sealed. The environment (e.g.
 * KMLTTB_SMS_API_KEY) overrides both.
 *
 * The file is read at every use and written whole (conf writes atomically), so the app and the
 * CLI working on one folder see each other's changes. The file does not depend on the database:
 * a key that opens an encrypted database can be one more secret here, read before the database.
 */
import Conf from 'conf';
import path from 'node:path';
import { UserError } from '../../shared/errors.js';
import { SECRET_ENV, SECRET_NAMES, type SecretName } from './secretNames.js';
import { entryOf, SecretsFileProblem, upgradeSecrets, withEntry, type SecretEntry, type SecretsDocument } from './secretsFormat.js';

export interface SecretStore {
  /**
   * The secret, or null when none is stored. Throws a `secret_sealed` user error when the desktop
   * app sealed it and this program cannot open it, `secret_unreadable` when it cannot be read here.
   */
  get(name: SecretName): string | null;
  /** Whether a value is stored (or given by the environment), readable here or not. */
  has(name: SecretName): boolean;
  set(name: SecretName, value: string): void;
  delete(name: SecretName): void;
}

/** The operating system's sealing, as the desktop app has it (Electron's safeStorage). */
export interface OsSealer {
  /** New values can be sealed now, with a key the system keeps (not a fixed fallback key). */
  canSeal(): boolean;
  seal(clear: string): string;
  /** Throws when the value cannot be opened here (another user or computer, a changed keyring). */
  open(sealed: string): string;
}

export const SECRETS_FILE = 'secrets.json';

/**
 * The data folder's secret store. Without a sealer (plain Node), values are written in clear and
 * entries the app sealed are refused with a message; with one, values are sealed when the system
 * can, and entries kept in clear are sealed on opening. A file in an earlier layout is rewritten
 * in the current one, every value kept.
 */
export function openSecretStore(dataDir: string, sealer: OsSealer | null = null): SecretStore {
  const file = path.join(dataDir, SECRETS_FILE);
  const unreadable = (why: string) =>
    new UserError('secret_unreadable', `${file} cannot be read: ${why}. Restore it from a backup of this data folder; until then nothing is written to it.`);
  let conf: Conf<Record<string, unknown>>;
  try {
    conf = new Conf({ cwd: dataDir, configName: 'secrets', configFileMode: 0o600, projectName: 'kmlttb', accessPropertiesByDotNotation: false });
  } catch (err) {
    // Not the parser's message: it quotes the file, secrets included.
    if (err instanceof SyntaxError) throw unreadable('it is not valid JSON');
    throw err;
  }
  const upgraded = (): ReturnType<typeof upgradeSecrets> => {
    try {
      const raw = conf.store;
      return upgradeSecrets(Object.keys(raw).length === 0 ? undefined : raw);
    } catch (err) {
      if (err instanceof SyntaxError) throw unreadable('it is not valid JSON');
      if (err instanceof SecretsFileProblem) throw unreadable(err.message);
      throw err;
    }
  };
  const read = () => upgraded().document;
  const write = (document: SecretsDocument) => {
    conf.store = document;
  };
  const { document, changed } = upgraded();
  const sealed = sealer?.canSeal() ? sealClearEntries(document, sealer) : document;
  if (changed || sealed !== document) write(sealed);

  const open = (name: SecretName, entry: SecretEntry): string => {
    if (entry.protection === 'file') return entry.value;
    if (!sealer) {
      throw new UserError(
        'secret_sealed',
        `${name} in ${file} is sealed by the desktop app on this computer: set ${SECRET_ENV[name]} in the environment or use the desktop app.`,
      );
    }
    try {
      return sealer.open(entry.value);
    } catch {
      throw new UserError(
        'secret_unreadable',
        `${name} in ${file} cannot be opened here: it was sealed for another user or computer, or the system keyring has changed. Set ${SECRET_ENV[name]} in the environment, or restore it where it was sealed.`,
      );
    }
  };
  return {
    get(name) {
      const entry = entryOf(read(), name);
      if (entry === 'malformed')
        throw new UserError(
          'secret_unreadable',
          `${name} in ${file} is not in a form this version reads. Set ${SECRET_ENV[name]} in the environment, or install the version that wrote it.`,
        );
      if (entry === null) return null;
      const value = open(name, entry);
      return value === '' ? null : value;
    },
    has: (name) => read().secrets[name] !== undefined,
    set(name, value) {
      const entry: SecretEntry = sealer?.canSeal() ? { protection: 'os', value: sealer.seal(value) } : { protection: 'file', value };
      write(withEntry(read(), name, entry));
    },
    delete(name) {
      const document = read();
      if (document.secrets[name] !== undefined) write(withEntry(document, name, null));
    },
  };
}

/** The document with every entry kept in clear sealed instead (the same document when there is none). */
function sealClearEntries(document: SecretsDocument, sealer: OsSealer): SecretsDocument {
  let result = document;
  for (const name of SECRET_NAMES) {
    const entry = entryOf(result, name);
    if (entry !== null && entry !== 'malformed' && entry.protection === 'file') {
      result = withEntry(result, name, { protection: 'os', value: sealer.seal(entry.value) });
    }
  }
  return result;
}

/** The environment's value of a secret, when set, before the store's (plain Node's way to give what the app sealed). */
export function withEnvironment(store: SecretStore, env: NodeJS.ProcessEnv = process.env): SecretStore {
  const fromEnv = (name: SecretName) => {
    const value = env[SECRET_ENV[name]];
    return value !== undefined && value !== '' ? value : null;
  };
  return {
    get: (name) => fromEnv(name) ?? store.get(name),
    has: (name) => fromEnv(name) !== null || store.has(name),
    set: (name, value) => store.set(name, value),
    delete: (name) => store.delete(name),
  };
}
