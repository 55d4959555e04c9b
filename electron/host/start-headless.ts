import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  defaultDataDir,
  ensureDirectories,
  keepNewFilesPrivate,
  makePaths,
  resolveDataDir,
} from '../core/app/data-location';
import type { EndpointOverrides } from '../../shared/domain/platforms';
import { createEngine, type Engine, type EngineOptions } from '../core/engine';
import { describeError } from '../core/errors';
import { createFileLogger } from '../core/logging/file-logger';
import type { EnginePorts } from '../core/ports';
import { noPowerEvents, randomIds, systemClock } from '../core/runtime/node-ports';
import { installProcessGuards } from '../core/runtime/process-guards';
import { createVaultSecretStore } from '../core/secrets/vault-secret-store';
import { EventBroadcaster } from './event-broadcaster';
import { defaultHostLimits, type HostLimits } from './host-limits';
import { startHostServer, type RunningHost } from './host-server';
import { mediaHostRoutes } from './media-routes';
import { buildOpenApiDocument } from './openapi-document';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface HeadlessOptions {
  /** Data folder; default: the platform's app-data folder (or where the user moved it). */
  dataDir?: string | undefined;
  port?: number | undefined;
  staticDir?: string | undefined;
  resourcesDir?: string | undefined;
  echoLogs?: boolean | undefined;
  /** Platform base URLs to use instead of the real services (the `--emulators` sandbox). */
  endpointOverrides?: EndpointOverrides | undefined;
  /** The sandbox reads metrics every this many ms instead of on the real, slowing schedule. */
  metricsEveryMs?: number | undefined;
  /** Connection caps and idle limits of the host (tests make them small). */
  limits?: Partial<HostLimits> | undefined;
  /** More engine options (the sandbox's Drive tuning, tests). */
  engine?: Partial<EngineOptions> | undefined;
}

export interface HeadlessApp {
  dataDir: string;
  /** The running engine; a new one after a restart (a restore). */
  readonly engine: Engine;
  host: RunningHost;
  /** The browsers' event streams. */
  events: EventBroadcaster;
  /**
   * Stops the engine and starts a new one in this process (re-taking the data-folder lock),
   * while the host keeps serving; calls meanwhile are answered "restarting".
   */
  restartEngine(): Promise<void>;
  stop(): Promise<void>;
}

export function appVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
    version?: unknown;
  };
  return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
}

/** The engine in plain Node behind the loopback host: the headless mode and the e2e target. */
export async function startHeadless(options: HeadlessOptions = {}): Promise<HeadlessApp> {
  const fallback = defaultDataDir();
  keepNewFilesPrivate();
  const { dataDir, pinned } = resolveDataDir(fallback, options.dataDir);
  const paths = makePaths(dataDir, options.resourcesDir ?? path.join(projectRoot, 'resources'));
  ensureDirectories(paths);
  const logger = createFileLogger({ dir: paths.logsDir, echo: options.echoLogs ?? false });
  let stop: () => Promise<void> = async () => {};
  const removeGuards = installProcessGuards({
    logger,
    onFatal: (error) => {
      process.stderr.write(`ReelPilot stopped after an unexpected error: ${error.message}\n`);
      // Close the database cleanly if that still works; never hang on it.
      const closed = stop().catch(() => undefined);
      const deadline = new Promise((resolve) => setTimeout(resolve, 5_000).unref());
      void Promise.race([closed, deadline]).then(() => process.exit(70));
    },
  });
  const limits: HostLimits = { ...defaultHostLimits, ...options.limits };
  const events = new EventBroadcaster({
    maxClients: limits.maxEventClients,
    bufferBytes: limits.eventBufferBytes,
  });
  const ports: EnginePorts = {
    clock: systemClock,
    ids: randomIds,
    logger,
    paths,
    secrets: createVaultSecretStore({
      file: path.join(dataDir, 'secrets.vault'),
      keyFile: path.join(dataDir, 'secrets.key'),
      passphrase: process.env.REELPILOT_VAULT_KEY,
    }),
    notifier: {
      notify: (notice) => {
        logger.info('notice', { ...notice });
        events.emit('app:notice', notice);
      },
    },
    power: noPowerEvents,
    http: globalThis.fetch,
    events,
    desktop: null,
  };
  let restartRequested: (() => void) | null = null;
  const engineOptions: EngineOptions = {
    appVersion: appVersion(),
    mode: 'headless',
    dataDirPinned: pinned,
    defaultDataDir: fallback,
    endpointOverrides: options.endpointOverrides,
    metricsEveryMs: options.metricsEveryMs,
    renderHeight: renderHeightFromEnv(process.env.REELPILOT_RENDER_HEIGHT),
    ...options.engine,
    requestRestart: (reason) => {
      logger.info('engine restart requested', { reason });
      restartRequested?.();
    },
  };
  let engine: Engine;
  try {
    engine = await createEngine(ports, engineOptions);
  } catch (error) {
    removeGuards();
    logger.close();
    throw error;
  }
  let restarting: Promise<void> | null = null;
  let host: RunningHost;
  try {
    host = await startHostServer(
      {
        invoke: async (channel, payload, context) => {
          if (restarting) await restarting;
          return engine.invoke(channel, payload, context);
        },
        events,
        staticDir: options.staticDir ?? path.join(projectRoot, 'out', 'renderer'),
        token: randomBytes(24).toString('base64url'),
        logger: logger.child({ domain: 'host' }),
        routes: mediaHostRoutes(() => engine.services.media, paths),
        // The engine is new after a restart (a restore): ask the one running now.
        apiTokens: { verify: (token) => engine.services.apiTokens.verify(token) },
        openApi: buildOpenApiDocument(appVersion()),
        limits,
      },
      options.port ?? 0,
    );
  } catch (error) {
    await engine.close();
    removeGuards();
    logger.close();
    throw error;
  }
  let stopping: Promise<void> | null = null;
  const restartEngine = (): Promise<void> => {
    restarting ??= (async () => {
      try {
        await engine.close();
        // A start that fails leaves the host up and says why on every call.
        engine = await createEngine(ports, engineOptions).catch((error: unknown) => {
          logger.error('the engine did not start again', { error: describeError(error) });
          throw error;
        });
        logger.info('engine restarted');
      } finally {
        restarting = null;
      }
    })();
    return restarting;
  };
  restartRequested = () => {
    if (stopping) return;
    void restartEngine().catch((error: unknown) => {
      events.emit('app:notice', {
        level: 'error',
        title: 'ReelPilot could not restart',
        body: `${describeError(error)} Stop ReelPilot and start it again.`,
      });
    });
  };
  stop = () => {
    stopping ??= (async () => {
      await host.close();
      await restarting?.catch(() => undefined);
      await engine.close();
      removeGuards();
      logger.close();
    })();
    return stopping;
  };
  return {
    dataDir,
    get engine() {
      return engine;
    },
    host,
    restartEngine,
    events,
    stop,
  };
}

/** `REELPILOT_RENDER_HEIGHT` (tests only): every video rendered at this small height. */
export function renderHeightFromEnv(value: string | undefined): number | null {
  if (value === undefined || value.trim() === '') return null;
  const height = Number(value);
  if (!Number.isInteger(height) || height < 120 || height > 1920) {
    throw new Error(
      `REELPILOT_RENDER_HEIGHT must be a whole number of pixels from 120 to 1920, not "${value}".`,
    );
  }
  return height;
}
