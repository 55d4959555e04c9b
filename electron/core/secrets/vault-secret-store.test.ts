import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createVaultSecretStore } from './vault-secret-store';

let dir: string;
let file: string;
let keyFile: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'reelpilot-vault-'));
  file = path.join(dir, 'secrets.vault');
  keyFile = path.join(dir, 'secrets.key');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the headless vault', () => {
  it('round-trips secrets through an encrypted file with a generated 0600 key file', async () => {
    const store = createVaultSecretStore({ file, keyFile });
    await store.set('accounts/a/tokens', '{"accessToken":"at_secret"}');
    await store.set('other', 'value');
    await store.delete('other');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).not.toContain('at_secret');
    expect(store.info()).toEqual({ backend: 'AES-256-GCM vault (key file)', secure: true });

    const reopened = createVaultSecretStore({ file, keyFile });
    expect(await reopened.get('accounts/a/tokens')).toBe('{"accessToken":"at_secret"}');
    expect(await reopened.get('other')).toBeNull();
  });

  it('uses a passphrase from the environment over the key file', async () => {
    const store = createVaultSecretStore({
      file,
      keyFile,
      passphrase: 'correct horse battery staple',
    });
    await store.set('k', 'v');
    expect(store.info().backend).toContain('environment');
    const reopened = createVaultSecretStore({
      file,
      keyFile,
      passphrase: 'correct horse battery staple',
    });
    expect(await reopened.get('k')).toBe('v');
  });

  it('refuses the wrong key with a clear error and leaves the vault untouched', async () => {
    const store = createVaultSecretStore({ file, keyFile, passphrase: 'right key' });
    await store.set('k', 'v');
    const before = readFileSync(file);
    expect(() => createVaultSecretStore({ file, keyFile, passphrase: 'wrong key' })).toThrow(
      /cannot be opened with the key from the environment.*left untouched/,
    );
    expect(readFileSync(file).equals(before)).toBe(true);
    const again = createVaultSecretStore({ file, keyFile, passphrase: 'right key' });
    expect(await again.get('k')).toBe('v');
  });

  it('refuses a corrupted vault and leaves it untouched', async () => {
    const store = createVaultSecretStore({ file, keyFile });
    await store.set('k', 'v');
    const envelope = JSON.parse(readFileSync(file, 'utf8')) as { data: string };
    const bytes = Buffer.from(envelope.data, 'base64');
    bytes[0] = (bytes[0] ?? 0) ^ 0xff;
    const tampered = JSON.stringify({ ...envelope, data: bytes.toString('base64') });
    writeFileSync(file, tampered);
    expect(() => createVaultSecretStore({ file, keyFile })).toThrow(/cannot be opened/);
    expect(readFileSync(file, 'utf8')).toBe(tampered);

    writeFileSync(file, 'not json at all');
    expect(() => createVaultSecretStore({ file, keyFile })).toThrow(/damaged and cannot be read/);
    expect(readFileSync(file, 'utf8')).toBe('not json at all');
  });

  it('refuses a vault whose key file is gone, without making a new key', async () => {
    const store = createVaultSecretStore({ file, keyFile });
    await store.set('k', 'v');
    rmSync(keyFile);
    expect(() => createVaultSecretStore({ file, keyFile })).toThrow(/key file .* is missing/);
    expect(existsSync(keyFile)).toBe(false);
  });

  it('refuses a key file that is too short', () => {
    writeFileSync(keyFile, 'short\n', { mode: 0o600 });
    expect(() => createVaultSecretStore({ file, keyFile })).toThrow(/too short/);
  });
});
