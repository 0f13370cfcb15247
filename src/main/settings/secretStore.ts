/**
 * Secrets (the SMS gateway API key, the sync token) are kept apart from plain settings and
 * encrypted by the operating system when the desktop app runs (safeSecrets.ts). Plain Node
 * (CLI, browser mode, server) takes them from the environment instead.
 */
export const SECRET_NAMES = ['sms.apiKey', 'sync.token'] as const;
export type SecretName = (typeof SECRET_NAMES)[number];

export interface SecretStore {
  /** The secret, or null when none is stored. */
  get(name: SecretName): string | null;
  /** Throws a `not_configured` user error when this computer cannot encrypt. */
  set(name: SecretName, value: string): void;
  delete(name: SecretName): void;
}
