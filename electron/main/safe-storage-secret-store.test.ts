import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { safeStorage, type SafeStorage } from 'electron';
import { fakeSafeStorage } from './testing/fake-electron';
import { createSafeStorageSecretStore } from './safe-storage-secret-store';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'reelpilot-safe-'));
  file = path.join(dir, 'secrets.json');
  fakeSafeStorage.backend = 'gnome_libsecret';
  fakeSafeStorage.available = true;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const storage = safeStorage as unknown as SafeStorage;

describe('the safeStorage secret store', () => {
  it('round-trips secrets encrypted by the system keychain', async () => {
    const store = createSafeStorageSecretStore(storage, file, 'linux');
    await store.set('accounts/a/tokens', 'at_secret');
    expect(readFileSync(file, 'utf8')).not.toContain('at_secret');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(store.info()).toEqual({ backend: 'safeStorage (gnome_libsecret)', secure: true });
    const reopened = createSafeStorageSecretStore(storage, file, 'linux');
    expect(await reopened.get('accounts/a/tokens')).toBe('at_secret');
    await reopened.delete('accounts/a/tokens');
    expect(
      await createSafeStorageSecretStore(storage, file, 'linux').get('accounts/a/tokens'),
    ).toBeNull();
  });

  it('says when Linux only offers basic_text, so the UI asks first', () => {
    fakeSafeStorage.backend = 'basic_text';
    expect(createSafeStorageSecretStore(storage, file, 'linux').info()).toEqual({
      backend: 'safeStorage (basic_text)',
      secure: false,
    });
    expect(createSafeStorageSecretStore(storage, file, 'darwin').info().secure).toBe(true);
  });

  it('refuses to store when encryption is unavailable', async () => {
    fakeSafeStorage.available = false;
    const store = createSafeStorageSecretStore(storage, file, 'linux');
    await expect(store.set('k', 'v')).rejects.toThrow(/keychain is not available/);
  });

  it('reports a value the keychain cannot decrypt (the wrong key) without losing the file', async () => {
    writeFileSync(
      file,
      JSON.stringify({ version: 1, secrets: { k: Buffer.from('garbage').toString('base64') } }),
    );
    const store = createSafeStorageSecretStore(storage, file, 'linux');
    await expect(store.get('k')).rejects.toThrow(/could not be decrypted/);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({
      secrets: { k: expect.any(String) },
    });
  });

  it('refuses a corrupted file and leaves it untouched', () => {
    writeFileSync(file, '{"version": 1, "secrets": ');
    expect(() => createSafeStorageSecretStore(storage, file, 'linux')).toThrow(
      /damaged and was left untouched/,
    );
    expect(readFileSync(file, 'utf8')).toBe('{"version": 1, "secrets": ');
  });
});
