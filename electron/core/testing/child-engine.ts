import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ensureDirectories, makePaths } from '../app/data-location';
import { silentLogger } from '../logging/file-logger';
import type { EnginePorts } from '../ports';
import { noPowerEvents, randomIds, systemClock } from '../runtime/node-ports';
import { createVaultSecretStore } from '../secrets/vault-secret-store';

/**
 * The ports of an engine run as its own process by a crash test: the real clock moved by
 * `clockOffsetMs` (a restart "a while later", once the dead worker's lease ran out), the vault on
 * the data folder (so a second process finds the first one's sign-ins), nothing shown.
 */
export function childEnginePorts(dataDir: string, clockOffsetMs: number): EnginePorts {
  const paths = makePaths(dataDir, path.resolve(import.meta.dirname, '../../../resources'));
  ensureDirectories(paths);
  return {
    clock: {
      now: () => systemClock.now() + clockOffsetMs,
      setTimeout: (callback, ms) => systemClock.setTimeout(callback, ms),
    },
    ids: randomIds,
    logger: silentLogger,
    paths,
    secrets: createVaultSecretStore({
      file: path.join(dataDir, 'secrets.vault'),
      keyFile: path.join(dataDir, 'secrets.key'),
    }),
    notifier: { notify: () => {} },
    power: noPowerEvents,
    http: globalThis.fetch,
    events: { emit: () => {} },
    desktop: null,
  };
}

/** Runs a TypeScript file as a child process (for SIGKILL tests), collecting what it prints. */
export function spawnTsx(script: string, args: string[]) {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return { child, out: () => stdout, err: () => stderr };
}

/** Waits (in real time) until `check` holds. */
export async function until(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
