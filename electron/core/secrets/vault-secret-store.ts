import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  linkSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { z } from 'zod';
import { AppError } from '../errors';
import type { SecretStore, SecretStoreInfo } from '../ports';

const vaultFileSchema = z.object({
  format: z.literal('reelpilot-vault'),
  version: z.literal(1),
  salt: z.string(),
  iv: z.string(),
  tag: z.string(),
  data: z.string(),
});

const contentSchema = z.record(z.string(), z.string());

export interface VaultOptions {
  file: string;
  /** Where a generated key is kept (mode 0600) when no key is given in the environment. */
  keyFile: string;
  /** A passphrase from the environment (REELPILOT_VAULT_KEY); it wins over the key file. */
  passphrase?: string | undefined;
}

function loadOrCreateKeyMaterial(options: VaultOptions): { material: string; source: string } {
  if (options.passphrase) return { material: options.passphrase, source: 'environment' };
  if (existsSync(options.keyFile)) {
    const material = readFileSync(options.keyFile, 'utf8').trim();
    if (material.length < 32) {
      throw new AppError(
        'UNAVAILABLE',
        `The vault key file ${options.keyFile} is too short to be a ReelPilot key. Restore it from a backup or set REELPILOT_VAULT_KEY.`,
      );
    }
    return { material, source: 'key file' };
  }
  if (existsSync(options.file)) {
    // A new key could never open the existing vault; making one would only hide the real problem.
    throw new AppError(
      'UNAVAILABLE',
      `The secret vault ${options.file} exists but its key file ${options.keyFile} is missing. It was left untouched; restore the key file from a backup, or set REELPILOT_VAULT_KEY to the passphrase it was created with.`,
    );
  }
  // Written whole beside it, then linked into place: two processes starting together never
  // read a key file half written, and the one that loses the race reads the winner's key.
  const material = randomBytes(32).toString('base64');
  const temp = `${options.keyFile}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(temp, material + '\n', { mode: 0o600, flag: 'wx' });
  chmodSync(temp, 0o600);
  try {
    linkSync(temp, options.keyFile);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return loadOrCreateKeyMaterial(options);
  } finally {
    rmSync(temp, { force: true });
  }
  return { material, source: 'key file' };
}

interface UnlockedVault {
  secrets: Record<string, string>;
  salt: Buffer;
  key: Buffer;
  source: string;
}

/** Reads and decrypts the vault (an empty one when there is no file yet). */
export function unlockVault(options: VaultOptions): UnlockedVault {
  const { material, source } = loadOrCreateKeyMaterial(options);
  if (!existsSync(options.file)) {
    const salt = randomBytes(16);
    return { secrets: {}, salt, key: scryptSync(material, salt, 32), source };
  }
  let envelope: z.infer<typeof vaultFileSchema>;
  try {
    envelope = vaultFileSchema.parse(JSON.parse(readFileSync(options.file, 'utf8')));
  } catch {
    throw new AppError(
      'UNAVAILABLE',
      `The secret vault ${options.file} is damaged and cannot be read. It was left untouched; restore it from a backup, or move it aside and reconnect your accounts.`,
    );
  }
  const salt = Buffer.from(envelope.salt, 'base64');
  const key = scryptSync(material, salt, 32);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(envelope.iv, 'base64'));
    decipher.setAuthTag(Buffer.from(envelope.tag, 'base64'));
    const plain = Buffer.concat([
      decipher.update(Buffer.from(envelope.data, 'base64')),
      decipher.final(),
    ]);
    return { secrets: contentSchema.parse(JSON.parse(plain.toString('utf8'))), salt, key, source };
  } catch {
    throw new AppError(
      'UNAVAILABLE',
      `The secret vault ${options.file} cannot be opened with the key from the ${source}. It was left untouched; use the key it was created with (REELPILOT_VAULT_KEY or the key file).`,
    );
  }
}

/**
 * The headless mode's secret store: one AES-256-GCM encrypted JSON file. The key is derived with
 * scrypt from an environment passphrase or a random key file. Writes go to a temp file then
 * rename, so a crash never leaves half a vault; a vault that cannot be decrypted is left as is.
 */
export function createVaultSecretStore(options: VaultOptions): SecretStore {
  const unlocked = unlockVault(options);
  const { salt, key, source } = unlocked;
  let secrets = unlocked.secrets;

  const persist = () => {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const data = Buffer.concat([cipher.update(JSON.stringify(secrets), 'utf8'), cipher.final()]);
    const envelope = {
      format: 'reelpilot-vault',
      version: 1,
      salt: salt.toString('base64'),
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      data: data.toString('base64'),
    };
    const temp = `${options.file}.tmp`;
    writeFileSync(temp, JSON.stringify(envelope), { mode: 0o600 });
    renameSync(temp, options.file);
  };

  const info: SecretStoreInfo = { backend: `AES-256-GCM vault (${source})`, secure: true };
  return {
    async get(name) {
      return secrets[name] ?? null;
    },
    async set(name, value) {
      secrets = { ...secrets, [name]: value };
      persist();
    },
    async delete(name) {
      if (!(name in secrets)) return;
      const { [name]: _removed, ...rest } = secrets;
      secrets = rest;
      persist();
    },
    info: () => info,
  };
}
