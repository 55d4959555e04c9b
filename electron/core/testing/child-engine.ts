/**
 * Engines in their own processes, for the crash tests: the child script opens the engine on a
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
export function spawnTsx(script: string, args: string[]): EngineProcess {
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
export async function until(check: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** An engine on `dataDir` in this process (the child's side of a crash test). */
export async function openChildEngine(options: {
  dataDir: string;
  clockOffsetMs: number;
  endpointOverrides: EndpointOverrides;
  appVersion: string;
  platformSettings?: EngineOptions['platformSettings'];
  /** Renders at this small height (as `REELPILOT_RENDER_HEIGHT` does for the sandbox). */
  renderHeight?: number;
}): Promise<{ engine: Engine; ports: EnginePorts }> {
  const ports = childEnginePorts(options.dataDir, options.clockOffsetMs);
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
  return spawnTsx(script, [configPath]);
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
