/** SecretStore over Electron's safeStorage (DPAPI, Keychain, libsecret/kwallet); ciphertext in electron-store. */
import { safeStorage } from 'electron';
import Store from 'electron-store';
import { UserError } from '../../shared/errors.js';
import type { SecretName, SecretStore } from '../settings/secretStore.js';

export function openSafeSecrets(dataDir: string): SecretStore {
  const store = new Store<Record<string, string>>({ name: 'secrets', cwd: dataDir });
  return {
    get(name) {
      const sealed = store.get(name);
      if (typeof sealed !== 'string' || !safeStorage.isEncryptionAvailable()) return null;
      try {
        return safeStorage.decryptString(Buffer.from(sealed, 'base64'));
      } catch (err) {
        console.error(`[secrets] cannot decrypt ${name}; it must be entered again`, err);
        return null;
      }
    },
    set(name, value) {
      // On Linux without a keyring, safeStorage falls back to a hard-coded key: refuse that.
      const weak = process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text';
      if (!safeStorage.isEncryptionAvailable() || weak) {
        throw new UserError('not_configured', 'This computer cannot store secrets safely. Set it in the environment instead (for example KMLTTB_SMS_API_KEY).');
      }
      store.set(name, safeStorage.encryptString(value).toString('base64'));
    },
    delete(name: SecretName) {
      store.delete(name);
    },
  };
}
