/**
 * Secrets (the SMS gateway API key, the sync token, the Board's licence signing key) are kept apart from plain settings: in the
 * desktop app encrypted by the operating system (electron/safeSecrets.ts); in plain Node (CLI,
 * browser mode, server) in `secrets.json` in the data folder, readable by its owner only. The
 * environment (e.g. KMLTTB_SMS_API_KEY) overrides both.
 */
import Conf from 'conf';

export const SECRET_NAMES = ['sms.apiKey', 'sync.token', 'licence.signingKey', 'server.ecitizenSecret', 'server.deliveryReportToken'] as const;
export type SecretName = (typeof SECRET_NAMES)[number];

export interface SecretStore {
  /** The secret, or null when none is stored. */
  get(name: SecretName): string | null;
  /** Throws a `not_configured` user error when this computer cannot keep it safely. */
  set(name: SecretName, value: string): void;
  delete(name: SecretName): void;
}

export function isSecretName(key: string): key is SecretName {
  return (SECRET_NAMES as readonly string[]).includes(key);
}

export function fileSecretStore(dataDir: string): SecretStore {
  const store = new Conf<Record<string, string>>({ cwd: dataDir, configName: 'secrets', configFileMode: 0o600, projectName: 'kmlttb' });
  return {
    get: (name) => {
      const value = store.get(name);
      return typeof value === 'string' && value !== '' ? value : null;
    },
    set: (name, value) => store.set(name, value),
    delete: (name) => store.delete(name),
  };
}
