import { mkdirSync } from 'node:fs';
import type { EndpointOverrides } from '../../shared/domain/platforms';
import { createAccountsModule, type AccountsService } from './accounts/accounts-module';
import { createApiTokensModule, type ApiTokenService } from './api-tokens/api-tokens-module';
import { createAppModule } from './app/app-module';
import { createBatchModule, type BatchService } from './batch/batch-module';
import { createCalendarModule } from './calendar/calendar-module';
import { acquireDataDirLock } from './app/data-dir-lock';
import {
  createAutomationModule,
  type AutomationOptions,
  type AutomationService,
} from './automation/automation-module';
import { createConfigsModule, type ConfigService } from './configs/configs-module';
import { openDatabase, type DatabaseHandle } from './db/connection';
import { migrateToLatest } from './db/migrate';
import { migrations } from './db/migrations';
import {
  createDistributionModule,
  type DistributionService,
} from './distribution/distribution-module';
import { combineHandlers, type EngineModule, type ModuleCore } from './engine-module';
import { describeError } from './errors';
import { createFfmpegModule } from './ffmpeg/ffmpeg-module';
import { createGenerationModule, type GenerationPorts } from './generation/generation-module';
import {
  createHandlerRegistry,
  type HandlerContext,
  type HandlerRegistry,
  type Handlers,
} from './ipc/handler-registry';
import { createJobsModule, type JobQueue } from './jobs/jobs-module';
import {
  createMediaModule,
  type MediaModuleOptions,
  type MediaService,
} from './media/media-module';
import type { PlatformAdapterSettings } from './platforms/platform-adapters';
import type { EnginePorts } from './ports';
import { createRenderModule } from './render/render-module';
import { createRunsModule, type ExecutionService, type RunScheduler } from './runs/runs-module';
import { createSettingsModule, type SettingsService } from './settings/settings-module';

export interface EngineOptions {
  appVersion: string;
  mode: 'desktop' | 'headless';
  dataDirPinned: boolean;
  defaultDataDir: string;
  /** better-sqlite3 addon for a runtime other than this Node (the Electron build). */
  nativeBinding?: string;
  /** Platform and Drive base URLs to use instead of the real services (tests, sandbox, proxies). */
  endpointOverrides?: EndpointOverrides;
  /**
   * The render engine and the media library as config runs see them. By default the real ones
   * (the render engine writing into `mediaDir/renders`, the media library choosing clips); tests
   * may pass their own. `null`: configs can be edited and scheduled, and runs fail with a
   * message saying rendering is unavailable.
   */
  generation?: GenerationPorts | null;
  /**
   * Tests only: renders every video (not only previews) at this small frame height, so a
   * production-size config renders in seconds. Unset in the product. The headless host reads it
   * from `REELPILOT_RENDER_HEIGHT`.
   */
  renderHeight?: number | null;
  /** Adapter tuning (chunk sizes, retry timing) on top of `endpointOverrides`: tests, sandbox. */
  platformSettings?: Omit<PlatformAdapterSettings, 'endpoints'>;
  /** Reads metrics every this many ms instead of the slowing schedule (the sandbox). */
  metricsEveryMs?: number | undefined;
  /** How long closing waits for running jobs before aborting them. Default 10 s. */
  shutdownGraceMs?: number;
  /** Tests run the queue and the scheduler by hand (`engine.start()`). Default true. */
  autoStart?: boolean;
  /** Media library tuning (tests and benchmarks). */
  media?: MediaModuleOptions;
  /** Automation tuning (tests): free-space reader, check and push intervals. */
  automation?: AutomationOptions;
}

export interface EngineServices {
  settings: SettingsService;
  accounts: AccountsService;
  jobs: JobQueue;
  configs: ConfigService;
  execution: ExecutionService;
  scheduler: RunScheduler;
  distribution: DistributionService;
  media: MediaService;
  automation: AutomationService;
  apiTokens: ApiTokenService;
  batch: BatchService;
}

export interface Engine {
  services: EngineServices;
  handlers: Handlers;
  invoke: HandlerRegistry['invoke'];
  database: DatabaseHandle;
  /** Resumes interrupted runs, then starts the job queue and the scheduler. Safe to call twice. */
  start(): Promise<void>;
  /** Stops timers and workers, then closes the database. Safe to call twice. */
  close(): Promise<void>;
}

/** The composition root of the engine: everything outside comes in through `ports`. */
export async function createEngine(ports: EnginePorts, options: EngineOptions): Promise<Engine> {
  mkdirSync(ports.paths.dataDir, { recursive: true });
  const releaseLock = acquireDataDirLock(ports.paths.dataDir);
  let database: DatabaseHandle;
  try {
    database = openDatabase({ file: ports.paths.dbFile, nativeBinding: options.nativeBinding });
  } catch (error) {
    releaseLock();
    throw error;
  }
  let lifecycle: ReturnType<typeof moduleLifecycle> | null = null;
  try {
    const report = await migrateToLatest(database.db, migrations, ports.logger);
    const core: ModuleCore = { ports, db: database.db };

    // Dependency order: each module is made from the ones above it.
    const app = createAppModule(core, {
      database,
      facts: {
        appVersion: options.appVersion,
        mode: options.mode,
        dataDirPinned: options.dataDirPinned,
        defaultDataDir: options.defaultDataDir,
        schemaVersion: report.to,
      },
    });
    const settings = createSettingsModule(core);
    const apiTokens = createApiTokensModule(core);
    const automation = createAutomationModule(core, {
      settings: settings.service,
      options: options.automation,
    });
    // The modules below emit through the automation's tap and notify through its gate.
    const watched = automation.core;
    const ffmpeg = createFfmpegModule(watched, { settings: settings.service });
    const accounts = createAccountsModule(watched, {
      settings: settings.service,
      endpointOverrides: options.endpointOverrides,
    });
    const media = createMediaModule(watched, { ffmpeg: ffmpeg.service, options: options.media });
    const jobs = createJobsModule(watched, {
      shutdownGraceMs: options.shutdownGraceMs ?? 10_000,
      holds: automation.jobHolds,
    });
    const render = createRenderModule(watched, { ffmpeg: ffmpeg.service });
    const configs = createConfigsModule(watched, { settings: settings.service });
    const generation = createGenerationModule(watched, {
      media,
      render: render.service,
      override: options.generation,
      renderHeight: options.renderHeight ?? null,
    });
    const runs = createRunsModule(watched, {
      configs: configs.service,
      jobs: jobs.service,
      generation: generation.ports,
      automation,
    });
    const distribution = createDistributionModule(watched, {
      jobs: jobs.service,
      accounts: accounts.service,
      ffmpeg: ffmpeg.service,
      render: render.service,
      runs,
      automation,
      options,
    });
    const calendar = createCalendarModule(watched, {
      configs: configs.service,
      accounts: accounts.service,
      settings: settings.service,
      distribution: distribution.service,
      isPaused: () => automation.pause.paused,
    });
    const batch = createBatchModule(watched, {
      jobs: jobs.service,
      accounts: accounts.service,
      media: media.service,
      distribution: distribution.service,
      settings: settings.service,
      configs: configs.service,
      runs: runs.service,
      automation,
    });
    const modules = [
      app,
      settings,
      apiTokens,
      automation,
      ffmpeg,
      accounts,
      media,
      jobs,
      render,
      configs,
      generation,
      runs,
      distribution,
      calendar,
      batch,
    ] as const;

    const handlers: Handlers = combineHandlers(modules);
    const registry = createHandlerRegistry(handlers, ports.logger.child({ domain: 'ipc' }));
    for (const module of modules as readonly EngineModule[]) {
      for (const handler of module.jobHandlers ?? []) jobs.service.register(handler);
    }
    ports.logger.info('engine started', {
      mode: options.mode,
      dataDir: ports.paths.dataDir,
      schema: report.to,
    });
    const started = moduleLifecycle(modules, ports);
    lifecycle = started;
    let closing: Promise<void> | null = null;
    if (options.autoStart ?? true) await started.start();
    return {
      services: {
        settings: settings.service,
        accounts: accounts.service,
        jobs: jobs.service,
        configs: configs.service,
        execution: runs.service,
        scheduler: runs.scheduler,
        media: media.service,
        distribution: distribution.service,
        automation: automation.service,
        apiTokens: apiTokens.service,
        batch: batch.service,
      },
      handlers,
      invoke: (channel: string, payload: unknown, context?: HandlerContext) =>
        registry.invoke(channel, payload, context),
      database,
      start: started.start,
      close() {
        closing ??= (async () => {
          await started.stop();
          await database.close();
          releaseLock();
          ports.logger.info('engine stopped');
        })();
        return closing;
      },
    };
  } catch (error) {
    // A start-up that failed half way leaves no timer or worker running.
    await lifecycle?.stop();
    await database.close();
    releaseLock();
    throw error;
  }
}

/**
 * Start: every `recover` in list order (nothing runs yet), then every `start` in list order.
 * Stop: every `stop` in reverse order; one that fails is logged and the others still stop.
 */
function moduleLifecycle(modules: readonly EngineModule[], ports: EnginePorts) {
  let starting: Promise<void> | null = null;
  return {
    start(): Promise<void> {
      starting ??= (async () => {
        for (const module of modules) await module.recover?.();
        for (const module of modules) await module.start?.();
      })();
      return starting;
    },
    async stop(): Promise<void> {
      for (const module of [...modules].reverse()) {
        try {
          await module.stop?.();
        } catch (error) {
          ports.logger.error('module did not stop cleanly', {
            module: module.name,
            error: describeError(error),
          });
        }
      }
    },
  };
}
