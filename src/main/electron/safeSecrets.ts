/**
 * The data folder's secret store (settings/secretStore.ts, the same `secrets.json` plain Node
 * reads) with values sealed by Electron's safeStorage (DPAPI, Keychain, libsecret/kwallet).
 */
import { safeStorage } from 'electron';
import { openSecretStore, type OsSealer, type SecretStore } from '../settings/secretStore.js';

/**
 * On Linux without a keyring, safeStorage falls back to a key written into Chromium itself: no
 * better than the owner-only file, so values are then kept as plain Node keeps them ('file').
 */
const safeStorageSealer: OsSealer = {
  canSeal: () => safeStorage.isEncryptionAvailable() && !(process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text'),
  seal: (clear) => safeStorage.encryptString(clear).toString('base64'),
  open: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
};

export function openSafeSecrets(dataDir: string): SecretStore {
  return openSecretStore(dataDir, safeStorageSealer);
}
