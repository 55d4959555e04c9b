import { mkdirSync } from 'node:fs';
import type { EndpointOverrides } from '../../shared/domain/platforms';
import { createAccountsModule, type AccountsService } from './accounts/accounts-module';
import { createAlertsModule, type AlertsService } from './alerts/alerts-module';
import { createApiTokensModule, type ApiTokenService } from './api-tokens/api-tokens-module';
import { createAppModule } from './app/app-module';
import { createBatchModule, type BatchService } from './batch/batch-module';
import { createCalendarModule } from './calendar/calendar-module';
import {
  applyPendingRestore,
  backupBeforeMigration,
  createBackupModule,
  type BackupService,
} from './backup/backup-module';
import { acquireDataDirLock } from './app/data-dir-lock';
import { makeTopLevelPrivate } from './app/data-permissions';
import {
  createAutomationModule,
  type AutomationOptions,
  type AutomationService,
} from './automation/automation-module';
import { createConfigsModule, type ConfigService } from './configs/configs-module';
import type { DatabaseHandle } from './db/connection';
import { migrateToLatest, readSchemaVersion } from './db/migrate';
import { migrations } from './db/migrations';
import { openCheckedDatabase } from './db/open-checked';
import {
  createDistributionModule,
  type DistributionService,
  type UploadTimings,
} from './distribution/distribution-module';
import { makeDataFolderPrivateInBackground, moduleLifecycle } from './engine-lifecycle';
import { combineHandlers, type EngineModule, type ModuleCore } from './engine-module';
import { createFfmpegModule } from './ffmpeg/ffmpeg-module';
import { createGenerationModule, type GenerationPorts } from './generation/generation-module';
import { createHealthModule, type HealthService } from './health/health-module';
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
import { createRetentionModule, type RetentionService } from './retention/retention-module';
import { createRunsModule, type ExecutionService, type RunScheduler } from './runs/runs-module';
import { createSettingsModule, type SettingsService } from './settings/settings-module';
import { createStatisticsModule, type StatisticsService } from './statistics/statistics-module';
import {
  createStorageModule,
  type StorageAlerts,
  type StorageService,
} from './storage/storage-module';
import type { DriveClientOptions } from './platforms/drive/drive-client';

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
  /** Processing deadlines and rechecks of uploads (tests and the soak shrink them). */
  uploadTimings?: Partial<UploadTimings>;
  /** How long closing waits for running jobs before aborting them. Default 10 s. */
  shutdownGraceMs?: number;
  /** Tests run the queue and the scheduler by hand (`engine.start()`). Default true. */
  autoStart?: boolean;
  /** Media library tuning (tests and benchmarks). */
  media?: MediaModuleOptions;
  /** Automation tuning (tests): free-space reader, check and push intervals. */
  automation?: AutomationOptions;
  /**
   * Restarts the engine (the headless host, in place) or the app (the desktop shell): asked for by
   * a restore once the backup is staged. Absent: the restore waits for the next start.
   */
  requestRestart?: (reason: string) => void;
  /**
   * Where storage and backups raise low Drive space, a full Drive, a connection to redo, a failed
   * backup (once per cause until resolved). Default: a notice through the notifier.
   */
  storageAlerts?: StorageAlerts;
  /** Drive client tuning (chunk size, retry timing): tests and the sandbox. */
  drive?: Omit<DriveClientOptions, 'endpoints' | 'onRequest'>;
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
  statistics: StatisticsService;
  health: HealthService;
  alerts: AlertsService;
  retention: RetentionService;
  storage: StorageService;
  backup: BackupService;
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
  mkdirSync(ports.paths.dataDir, { recursive: true, mode: 0o700 });
  const releaseLock = acquireDataDirLock(ports.paths.dataDir, {
    nativeBinding: options.nativeBinding,
  });
  // Before the database opens, so SQLite makes its -wal and -shm with the database's mode.
  makeTopLevelPrivate(ports.paths.dataDir, ports.logger);
  let database: DatabaseHandle;
  let restored: Awaited<ReturnType<typeof applyPendingRestore>>;
  try {
    // A restore staged before a restart is put in place while nothing holds the database.
    restored = await applyPendingRestore(ports.paths, ports.logger, ports.clock.now());
    database = await openCheckedDatabase({
      file: ports.paths.dbFile,
      nativeBinding: options.nativeBinding,
      latestVersion: migrations.length,
    });
  } catch (error) {
    releaseLock();
    throw error;
  }
  let lifecycle: ReturnType<typeof moduleLifecycle> | null = null;
  try {
    if (!restored) {
      await backupBeforeMigration({
        paths: ports.paths,
        fromVersion: await readSchemaVersion(database.db),
        toVersion: migrations.length,
        appVersion: options.appVersion,
        nativeBinding: options.nativeBinding,
        clock: ports.clock,
        ids: ports.ids,
        logger: ports.logger,
        notifier: ports.notifier,
      });
    }
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
    const statistics = createStatisticsModule(watched, {
      settings: settings.service,
      jobs: jobs.service,
      media: media.service,
    });
    const runs = createRunsModule(watched, {
      configs: configs.service,
      jobs: jobs.service,
      generation: generation.ports,
      automation,
      statistics: statistics.recorder,
    });
    const distribution = createDistributionModule(watched, {
      jobs: jobs.service,
      accounts: accounts.service,
      ffmpeg: ffmpeg.service,
      render: render.service,
      runs,
      automation,
      statistics: statistics.recorder,
      options,
    });
    const calendar = createCalendarModule(watched, {
      configs: configs.service,
      accounts: accounts.service,
      settings: settings.service,
      distribution: distribution.service,
      isPaused: () => automation.pause.paused,
    });
    // Storage and backup raise their causes through the gate: each becomes an alert.
    const storageAlerts: StorageAlerts = options.storageAlerts ?? {
      notify: (causeKey, alert) =>
        automation.notifications.notify({ ...alert, causeKey, target: { screen: 'settings' } }),
      resolve: (causeKey) => automation.notifications.resolve(causeKey),
    };
    const storage = createStorageModule(watched, {
      settings: settings.service,
      accounts: accounts.service,
      jobs: jobs.service,
      runs,
      alerts: storageAlerts,
      endpointOverrides: options.endpointOverrides,
      drive: options.drive,
    });
    const backup = createBackupModule(watched, {
      settings: settings.service,
      storage: storage.service,
      jobs: jobs.service,
      alerts: storageAlerts,
      appVersion: options.appVersion,
      schemaVersion: report.to,
      mode: options.mode,
      nativeBinding: options.nativeBinding,
      restart: options.requestRestart ?? null,
    });
    const health = createHealthModule(watched, {
      accounts: accounts.service,
      scheduler: runs.scheduler,
      ffmpeg: ffmpeg.service,
      automation,
      app: { version: options.appVersion, mode: options.mode },
      backups: { lastBackupAt: async () => backup.service.lastBackupAt() },
    });
    // Last: its rules read every module above, and it takes over the notification gate.
    const alerts = createAlertsModule(watched, {
      automation,
      accounts: accounts.service,
      health: health.service,
    });
    const retention = createRetentionModule(watched, {
      jobs: jobs.service,
      media: media.service,
      freeBytes: options.automation?.freeBytes,
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
      statistics,
      runs,
      distribution,
      calendar,
      storage,
      backup,
      health,
      alerts,
      retention,
      batch,
    ] as const;

    const handlers: Handlers = combineHandlers(modules);
    // Through the automation's log tap: a change refused for a full disk holds the work too.
    const registry = createHandlerRegistry(
      handlers,
      automation.core.ports.logger.child({ domain: 'ipc' }),
    );
    for (const module of modules as readonly EngineModule[]) {
      for (const handler of module.jobHandlers ?? []) jobs.service.register(handler);
    }
    ports.logger.info('engine started', {
      mode: options.mode,
      dataDir: ports.paths.dataDir,
      schema: report.to,
    });
    // Media copies, renders and thumbnails below: walked in the background.
    const privateData = makeDataFolderPrivateInBackground(ports.paths.dataDir, ports.logger);
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
        statistics: statistics.service,
        health: health.service,
        alerts: alerts.service,
        retention: retention.service,
        storage: storage.service,
        backup: backup.service,
        batch: batch.service,
      },
      handlers,
      invoke: (channel: string, payload: unknown, context?: HandlerContext) =>
        registry.invoke(channel, payload, context),
      database,
      start: started.start,
      close() {
        closing ??= (async () => {
          await privateData;
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
