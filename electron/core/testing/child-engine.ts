/**
 * An engine in its own process, for the crash tests: the child script opens the engine on a
 * data folder with real timers (shifted by `clockOffsetMs`, so a restart can come "later" and
 * find the dead worker's leases expired) and a vault for secrets; the test spawns it, reads its
 * output, and kills it with SIGKILL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Account, ConnectStart } from '../../../shared/domain/accounts';
import type { EndpointOverrides, PlatformId } from '../../../shared/domain/platforms';
import { ensureDirectories, makePaths } from '../app/data-location';
import { createEngine, type Engine, type EngineOptions } from '../engine';
import { silentLogger } from '../logging/file-logger';
import type { EnginePorts } from '../ports';
import { noPowerEvents, randomIds, systemClock } from '../runtime/node-ports';
import { createVaultSecretStore } from '../secrets/vault-secret-store';

export async function openChildEngine(options: {
  dataDir: string;
  clockOffsetMs: number;
  endpointOverrides: EndpointOverrides;
  appVersion: string;
  platformSettings?: EngineOptions['platformSettings'];
  /** Renders at this small height (as `REELPILOT_RENDER_HEIGHT` does for the sandbox). */
  renderHeight?: number;
}): Promise<{ engine: Engine; ports: EnginePorts }> {
  const paths = makePaths(options.dataDir, path.resolve(import.meta.dirname, '../../../resources'));
  ensureDirectories(paths);
  const ports: EnginePorts = {
    clock: {
      now: () => systemClock.now() + options.clockOffsetMs,
      setTimeout: (callback, ms) => systemClock.setTimeout(callback, ms),
    },
    ids: randomIds,
    logger: silentLogger,
    paths,
    secrets: createVaultSecretStore({
      file: path.join(options.dataDir, 'secrets.vault'),
      keyFile: path.join(options.dataDir, 'secrets.key'),
    }),
    notifier: { notify: () => {} },
    power: noPowerEvents,
    http: globalThis.fetch,
    events: { emit: () => {} },
    desktop: null,
  };
  const engine = await createEngine(ports, {
    appVersion: options.appVersion,
    mode: 'headless',
    dataDirPinned: true,
    defaultDataDir: options.dataDir,
    endpointOverrides: options.endpointOverrides,
    ...(options.platformSettings ? { platformSettings: options.platformSettings } : {}),
    ...(options.renderHeight ? { renderHeight: options.renderHeight } : {}),
  });
  return { engine, ports };
}

export interface EngineProcess {
  child: ChildProcess;
  out(): string;
  err(): string;
}

/** Runs `script` (TypeScript, through tsx) with its config written beside it as JSON. */
export function spawnEngineProcess(
  script: string,
  configPath: string,
  config: unknown,
): EngineProcess {
  writeFileSync(configPath, JSON.stringify(config));
  const child = spawn(process.execPath, ['--import', 'tsx', script, configPath], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return { child, out: () => stdout, err: () => stderr };
}

/** Polls `check` until it holds; fails naming `what` after the deadline. */
export async function until(check: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A contract call that must succeed; a refusal is thrown with the engine's words. */
export async function invokeEngine<T>(engine: Engine, channel: string, input: unknown): Promise<T> {
  const result = await engine.invoke(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as T;
}

/** Connects the emulator's account of `platform` the real way (the emulator consents at once). */
export async function connectEmulatorAccount(
  engine: Engine,
  platform: PlatformId,
  app: { clientId: string; clientSecret: string },
): Promise<Account> {
  await engine.services.accounts.apps.save({ platform, ...app, allowInsecureStorage: true });
  const start = await invokeEngine<ConnectStart>(engine, 'accounts:connect', { platform });
  const consent = await fetch(start.authorizeUrl, { redirect: 'manual' });
  await fetch(consent.headers.get('location') ?? '');
  for (;;) {
    const accounts = await invokeEngine<Account[]>(engine, 'accounts:list', {});
    const account = accounts.find((a) => a.platform === platform);
    if (account) return account;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
