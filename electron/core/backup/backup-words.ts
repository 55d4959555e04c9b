import path from 'node:path';
import type { BackupStatus } from '../../../shared/domain/backup';
import type { SecretStoreInfo } from '../ports';
import type { WorkerStage } from './sqlite-worker';

/** Why a backup cannot be restored by this app, in words; null when it can. */
export function restoreBlocker(
  backup: { schemaVersion: number; appVersion: string },
  appSchemaVersion: number,
): string | null {
  if (backup.schemaVersion <= appSchemaVersion) return null;
  return `This backup was made by a newer ReelPilot (${backup.appVersion}, database version ${backup.schemaVersion}; this app reads up to ${appSchemaVersion}). Update ReelPilot to restore it.`;
}

/**
 * Secrets (tokens, app secrets) are never in the database or its backups. Where they are, and
 * what to keep beside the backups to restore on another computer, depends on the secret store.
 */
export function vaultAdvice(
  store: SecretStoreInfo,
  mode: 'desktop' | 'headless',
  dataDir: string,
): BackupStatus['vault'] {
  const notInBackups =
    'Account sign-ins and app secrets are not in the database, so they are not in the backups.';
  if (/environment/.test(store.backend)) {
    return {
      kind: 'passphrase',
      text: `${notInBackups} They are in ${path.join(dataDir, 'secrets.vault')}, locked with the passphrase in REELPILOT_VAULT_KEY. Keep that passphrase in your password manager and a copy of secrets.vault with the backups; without them, reconnect the accounts after restoring elsewhere.`,
    };
  }
  if (mode === 'headless' || /vault/.test(store.backend)) {
    return {
      kind: 'key-file',
      text: `${notInBackups} They are in ${path.join(dataDir, 'secrets.vault')}, locked with the key file ${path.join(dataDir, 'secrets.key')}. Keep a copy of both somewhere safe, apart from the backups (anyone with them can use your accounts); without them, reconnect the accounts after restoring elsewhere.`,
    };
  }
  return {
    kind: 'keychain',
    text: `${notInBackups} They are encrypted by this computer's keychain (${store.backend}) and stay on this computer. After restoring on another computer, reconnect the accounts and Google Drive.`,
  };
}

/** What the worker is doing, in words for the progress line. */
export const stageWords: Record<WorkerStage, string> = {
  snapshot: 'Taking a consistent copy of the database…',
  checking: 'Checking the copy’s integrity…',
  compressing: 'Compressing the copy…',
  verifying: 'Verifying the backup’s checksum…',
};
