import { statements, type ReadableDB } from '../db/handles.js';
import { settingDef } from './keys.js';
import { isSecretName } from './secretNames.js';
import type { SecretStore } from './secretStore.js';

/** Environment override (plain Node), then the stored value (secrets from the secret store), then the default. */
/** Commands read settings as they run (an approval reads two): built once (compileOnce). */
const storedSetting = (key: string) => statements.selectFrom('settings').select('value').where('key', '=', key);

export function readSetting(db: ReadableDB, secrets: SecretStore, key: string): string {
  const def = settingDef(key);
  if (!def) throw new Error(`Unknown setting '${key}'`);
  const fromEnv = envOverride(key);
  if (fromEnv !== undefined) return fromEnv;
  if (isSecretName(key)) return secrets.get(key) ?? def.default;
  return db.compileOnce(storedSetting).first(key)?.value ?? def.default;
}

export function isSettingStored(db: ReadableDB, key: string): boolean {
  return db.first(db.selectFrom('settings').select('key').where('key', '=', key)) !== undefined;
}

/** The value the environment gives a setting (plain Node), when it gives one. */
function envOverride(key: string): string | undefined {
  const env = settingDef(key)?.env;
  const value = env ? process.env[env] : undefined;
  return value === '' ? undefined : value;
}

/** Where a setting's value comes from, to name in a message: its environment variable when that overrides it, else its key. */
export function settingSource(key: string): string {
  return envOverride(key) !== undefined ? settingDef(key)!.env! : key;
}
