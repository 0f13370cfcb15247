import type BetterSqlite3 from 'better-sqlite3';
import { settingDef } from './keys.js';
import { isSecretName } from './secretNames.js';
import type { SecretStore } from './secretStore.js';

/** Environment override (plain Node), then the stored value (secrets from the secret store), then the default. */
export function readSetting(sqlite: BetterSqlite3.Database, secrets: SecretStore, key: string): string {
  const def = settingDef(key);
  if (!def) throw new Error(`Unknown setting '${key}'`);
  const fromEnv = def.env ? process.env[def.env] : undefined;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (isSecretName(key)) return secrets.get(key) ?? def.default;
  const row = sqlite.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? def.default;
}

export function isSettingStored(sqlite: BetterSqlite3.Database, key: string): boolean {
  return sqlite.prepare('SELECT 1 FROM settings WHERE key = ?').get(key) !== undefined;
}
