/**
 * The layout of a data folder's `secrets.json`, the one file that both the desktop app and plain
 * Node (CLI, browser mode, central service) read and write. Pure: no file, no Electron.
 *
 * Why one file whose every entry says how it is protected, rather than a file per side: a desk is
 * one data folder whichever program opens it, so a secret set in one (the sync token when the app
 * joins, the SMS key set with `kmlttb config set`, the Board's signing key made by whichever issued
 * the first licence) must be found by the other. Two files would hold two answers to "is there a
 * signing key?", which is how a desk came to make a second key. With one file, each side knows
 * what it holds and what it cannot open, and says so instead of guessing.
 *
 *     { "format": 2,
 *       "secrets": { "sms.apiKey": { "protection": "file", "value": "<the key itself>" },
 *                    "sync.token": { "protection": "os", "value": "<base64 of safeStorage's ciphertext>" } } }
 *
 * `file`: the value in clear, the file readable by its owner only (mode 0600). `os`: sealed by the
 * operating system through the desktop app's safeStorage, so only the app, for this user on this
 * computer, opens it.
 *
 * Earlier files held each secret as a string at its dotted path (`{"sms": {"apiKey": "…"}}`): clear
 * when plain Node wrote it (conf), base64 of safeStorage's ciphertext when the app did
 * (electron-store). Such strings are taken over as entries, told apart by the header that Chromium's
 * OSCrypt puts on every ciphertext (`v10`/`v11`; a bare Windows DPAPI blob from older versions).
 * Any other content of the file is kept as it is.
 */
import { SECRET_NAMES, type SecretName } from './secretNames.js';

export const SECRETS_FORMAT = 2;

export type Protection = 'os' | 'file';
export interface SecretEntry {
  protection: Protection;
  value: string;
}

export interface SecretsDocument {
  format: number;
  /** Entries by secret name; an entry this version cannot read is kept untouched. */
  secrets: Record<string, unknown>;
  [other: string]: unknown;
}

/** Why a file cannot be used: it is not a JSON object, or a newer version wrote it. */
export class SecretsFileProblem extends Error {}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Chromium's OSCrypt ciphertext (`v10`, `v11`, …) or a Windows DPAPI blob, base64-encoded: sealed by the OS. */
export function looksOsSealed(value: string): boolean {
  if (value.length < 24 || value.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return false;
  const bytes = Buffer.from(value, 'base64');
  if (/^v1\d$/.test(bytes.subarray(0, 3).toString('latin1'))) return true;
  return bytes.subarray(0, 8).equals(Buffer.from([0x01, 0x00, 0x00, 0x00, 0xd0, 0x8c, 0x9d, 0xdf]));
}

/**
 * Any layout, as read from the file (or undefined for no file), in the current one; `changed`
 * says whether it differs from what was read and should be written back.
 */
export function upgradeSecrets(raw: unknown): { document: SecretsDocument; changed: boolean } {
  if (raw === undefined) return { document: { format: SECRETS_FORMAT, secrets: {} }, changed: false };
  if (!isObject(raw)) throw new SecretsFileProblem('it does not hold a JSON object');
  const format = raw.format ?? 1;
  if (typeof format !== 'number' || !Number.isInteger(format)) throw new SecretsFileProblem(`its format (${JSON.stringify(format)}) is not one this app knows`);
  if (format > SECRETS_FORMAT)
    throw new SecretsFileProblem(
      `a newer version of KMLTTB Licensing Desk wrote it (format ${format}; this app knows up to ${SECRETS_FORMAT}): install the newer version`,
    );
  if (raw.secrets !== undefined && !isObject(raw.secrets)) throw new SecretsFileProblem('its "secrets" is not an object');
  const document: SecretsDocument = { ...structuredClone(raw), format: SECRETS_FORMAT, secrets: { ...(raw.secrets as Record<string, unknown> | undefined) } };
  let changed = raw.format !== SECRETS_FORMAT || raw.secrets === undefined;
  // Strings at the old dotted paths (an old version may also have written them beside new entries).
  for (const name of SECRET_NAMES) {
    const legacy = takeLegacy(document, name);
    if (legacy === undefined) continue;
    changed = true;
    if (legacy === '') continue; // an emptied secret was no secret
    document.secrets[name] = { protection: looksOsSealed(legacy) ? 'os' : 'file', value: legacy } satisfies SecretEntry;
  }
  return { document, changed };
}

/**
 * Removes a secret's string from its old place (nested `{"sms": {"apiKey"}}` or flat
 * `{"sms.apiKey"}`) and returns it; leaves it where it is when an entry already holds the name.
 */
function takeLegacy(document: SecretsDocument, name: SecretName): string | undefined {
  if (document.secrets[name] !== undefined) return undefined;
  if (typeof document[name] === 'string') {
    const value = document[name];
    delete document[name];
    return value;
  }
  const [group, key] = name.split('.') as [string, string];
  const parent = document[group];
  if (!isObject(parent) || typeof parent[key] !== 'string') return undefined;
  const value = parent[key];
  delete parent[key];
  if (Object.keys(parent).length === 0) delete document[group];
  return value;
}

/** The entry for a secret: null when there is none, 'malformed' when it is there in a form this version does not read. */
export function entryOf(document: SecretsDocument, name: SecretName): SecretEntry | null | 'malformed' {
  const entry = document.secrets[name];
  if (entry === undefined) return null;
  if (!isObject(entry) || (entry.protection !== 'os' && entry.protection !== 'file') || typeof entry.value !== 'string') return 'malformed';
  return { protection: entry.protection, value: entry.value };
}

/** The document with one secret's entry replaced (null: removed). */
export function withEntry(document: SecretsDocument, name: SecretName, entry: SecretEntry | null): SecretsDocument {
  const secrets = { ...document.secrets };
  if (entry) secrets[name] = { protection: entry.protection, value: entry.value };
  else delete secrets[name];
  return { ...document, secrets };
}
