import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { unlockVault } from '../core/secrets/vault-secret-store';

/**
 * A sandbox run (`npm run serve -- --sandbox`: the real host, emulated platforms, one connected
 * account per platform) used the way a browser and a script would, including requests that fail
 * with the token in the address. Afterwards no log line holds a value of the secret store, the
 * host's token, or an API token.
 */
const projectRoot = path.resolve(import.meta.dirname, '..', '..');
const passphrase = 'a passphrase for this test run only, long enough';
let child: ChildProcess | null = null;
let root: string;

afterAll(() => {
  child?.kill('SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

function startSandbox(dataDir: string): Promise<string> {
  return new Promise((resolve, reject) => {
    child = spawn(
      process.execPath,
      ['--import', 'tsx', 'scripts/serve.ts', '--sandbox', '--data', dataDir, '--port', '0'],
      { cwd: projectRoot, env: { ...process.env, REELPILOT_VAULT_KEY: passphrase } },
    );
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /Open: (http:\/\/\S+)/.exec(out)?.[1];
      // The accounts are connected before the emulators are listed.
      if (url && out.includes('Emulated platforms')) resolve(url);
    });
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`the sandbox exited (${code}): ${err}`)));
  });
}

function stopSandbox(): Promise<void> {
  return new Promise((resolve) => {
    child?.once('exit', () => resolve());
    child?.kill('SIGTERM');
  });
}

/** Every log line written under the data folder. */
function logText(dataDir: string): string {
  const logs = path.join(dataDir, 'logs');
  return readdirSync(logs)
    .map((name) => readFileSync(path.join(logs, name), 'utf8'))
    .join('');
}

describe('secrets never reach the log', () => {
  it('after a sandbox run with failing requests carrying the token', async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'rp-secrets-'));
    const dataDir = path.join(root, 'data');
    const url = new URL(await startSandbox(dataDir));
    const token = url.searchParams.get('token') ?? '';
    const base = `${url.protocol}//${url.host}`;
    const withToken = `token=${encodeURIComponent(token)}`;
    const call = (channel: string, body: unknown, query = '') =>
      fetch(`${base}/api/invoke/${channel}${query}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });

    // A script's API token, used, then revoked.
    const created = (await (await call('apiTokens:create', { name: 'Log check' })).json()) as {
      value: { token: string; info: { id: string } };
    };
    const apiToken = created.value.token;
    await fetch(`${base}/api/invoke/accounts:list`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiToken}`, 'content-type': 'application/json' },
      body: '{}',
    });

    // Requests that fail, with the token in the address.
    await fetch(`${base}/?${withToken}`, { redirect: 'manual' });
    await fetch(`${base}/api/invoke/settings:get?${withToken}`);
    await call('nothing:here', {}, `?${withToken}`);
    await call('settings:update', { timeZone: 'Mars/Olympus' }, `?${withToken}`);
    await call('configs:get', { id: 'missing' }, `?${withToken}`);
    await call('accounts:test', { accountId: 'missing' }, `?${withToken}`);
    await fetch(`${base}/api/invoke/%E0%A4%A?${withToken}`, { method: 'POST' });
    await fetch(`${base}/media/missing?${withToken}`);
    await fetch(`${base}/api/media/upload?name=bad.mp4&${withToken}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: 'not a video',
    });
    await fetch(`${base}/api/events?${withToken}`, {
      headers: { cookie: `reelpilot_token_${url.port}=%E0%A4%A` },
    });
    await fetch(`${base}/api/invoke/accounts:list`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}x` },
      body: '{}',
    });
    // The engine's own work with the accounts: a connection test on each.
    const accounts = (await (await call('accounts:list', {})).json()) as {
      value: Array<{ id: string }>;
    };
    for (const account of accounts.value) await call('accounts:test', { accountId: account.id });
    await call('apiTokens:revoke', { id: created.value.info.id });
    await stopSandbox();
    child = null;

    const secrets = unlockVault({
      file: path.join(dataDir, 'secrets.vault'),
      keyFile: path.join(dataDir, 'secrets.key'),
      passphrase,
    }).secrets;
    const values = Object.values(secrets).filter((value) => value.length >= 8);
    // The sandbox connected accounts: there are tokens to look for.
    expect(values.length).toBeGreaterThan(5);
    const log = logText(dataDir);
    expect(log).toContain('engine started');
    for (const [name, value] of [
      ...Object.entries(secrets).filter(([, value]) => value.length >= 8),
      ['host token', token],
      ['host token, encoded', encodeURIComponent(token)],
      ['API token', apiToken],
    ] as Array<[string, string]>) {
      expect(log.includes(value), `the log holds ${name}`).toBe(false);
    }
  }, 120_000);
});
