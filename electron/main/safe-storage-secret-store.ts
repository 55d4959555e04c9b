import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { SafeStorage } from 'electron';
import { z } from 'zod';
import { AppError } from '../core/errors';
import type { SecretStore } from '../core/ports';

const fileSchema = z.object({ version: z.literal(1), secrets: z.record(z.string(), z.string()) });

/**
 * The desktop app's secret store: each value encrypted by the operating system's keychain
 * through safeStorage, kept base64 in one JSON file. On Linux without a keyring Electron falls
 * back to `basic_text`, which is only obfuscation: `info().secure` says so, and the accounts
 * screen asks before storing anything.
 */
export function createSafeStorageSecretStore(
  safeStorage: SafeStorage,
  file: string,
  platform = process.platform,
): SecretStore {
  let secrets: Record<string, string> = {};
  if (existsSync(file)) {
    try {
      secrets = fileSchema.parse(JSON.parse(readFileSync(file, 'utf8'))).secrets;
    } catch {
      throw new AppError(
        'UNAVAILABLE',
        `The secrets file ${file} is damaged and was left untouched. Move it aside and reconnect your accounts.`,
      );
    }
  }
  const backend =
    platform === 'linux'
      ? safeStorage.getSelectedStorageBackend()
      : platform === 'darwin'
        ? 'keychain'
        : 'dpapi';
  const persist = () => {
    const temp = `${file}.tmp`;
    writeFileSync(temp, JSON.stringify({ version: 1, secrets }), { mode: 0o600 });
    renameSync(temp, file);
  };
  return {
    async get(key) {
      const stored = secrets[key];
      if (stored === undefined) return null;
      try {
        return safeStorage.decryptString(Buffer.from(stored, 'base64'));
      } catch {
        throw new AppError(
          'UNAVAILABLE',
          'A stored secret could not be decrypted by the system keychain. Reconnect the account.',
        );
      }
    },
    async set(key, value) {
      if (!safeStorage.isEncryptionAvailable()) {
        throw new AppError(
          'UNAVAILABLE',
          'The system keychain is not available, so secrets cannot be stored safely. Unlock or install a keyring and try again.',
        );
      }
      secrets = { ...secrets, [key]: safeStorage.encryptString(value).toString('base64') };
      persist();
    },
    async delete(key) {
      if (!(key in secrets)) return;
      const { [key]: _removed, ...rest } = secrets;
      secrets = rest;
      persist();
    },
    info: () => ({
      backend: `safeStorage (${backend})`,
      secure: backend !== 'basic_text' && backend !== 'unknown',
    }),
  };
}
