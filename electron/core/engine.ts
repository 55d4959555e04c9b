import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { EndpointOverrides } from '../../shared/domain/platforms';
import { accountsHandlers } from './accounts/accounts-handlers';
import { AccountsRepository } from './accounts/accounts-repository';
import { AccountsService } from './accounts/accounts-service';
import { acquireDataDirLock } from './app/data-dir-lock';
import { appHandlers, type AppFacts } from './app/app-handlers';
import { openDatabase, type DatabaseHandle } from './db/connection';
import { migrateToLatest } from './db/migrate';
import { migrations } from './db/migrations';
import { ConfigRepository } from './configs/config-repository';
import { ConfigService } from './configs/config-service';
import { apiTokensHandlers } from './api-tokens/api-tokens-handlers';
import { ApiTokenService, storedTokensSchema } from './api-tokens/api-token-service';
import { createAutomation, prepareAutomation } from './automation/automation-module';
import type { AutomationService } from './automation/automation-service';
import { KeyedSetting } from './settings/keyed-setting';
import { configsHandlers } from './configs/configs-handlers';
import { ConfigPreviews } from './configs/config-previews';
import { ExecutionService, RENDER_JOB } from './configs/execution-service';
import { UPLOAD_JOB } from './distribution/upload-job';
import type { GenerationPorts } from './configs/generation-ports';
import { LibraryRenderPort } from './configs/library-render-port';
import { MediaLibrarySource } from './configs/media-library-source';
import { JobQueue } from './jobs/job-queue';
import { SqliteJobStore } from './jobs/job-store';
import { jobsHandlers } from './jobs/jobs-handlers';
import {
  createHandlerRegistry,
  type HandlerContext,
  type HandlerRegistry,
  type Handlers,
} from './ipc/handler-registry';
import { ffmpegToolsResolver } from './media/ffmpeg-tools';
import { mediaHandlers } from './media/media-handlers';
import { MediaRepository } from './media/media-repository';
import { MediaService } from './media/media-service';
import type { EnginePorts } from './ports';
import { SettingsRepository } from './settings/settings-repository';
import { settingsHandlers } from './settings/settings-handlers';
import { ffmpegResolver } from './render/ffmpeg-resolver';
import { createRenderEngine } from './render/render-engine';
import { Scheduler } from './scheduler/scheduler';
import { SettingsService } from './settings/settings-service';
import { DistributionRepository } from './distribution/distribution-repository';
import { distributionHandlers } from './distribution/distribution-handlers';
import { DistributionService } from './distribution/distribution-service';
import { probeVideo } from './distribution/video-probe';
import { locateFfmpeg } from './ffmpeg/ffmpeg-locator';
import { AppError } from './errors';
import { defaultEncoderSettings } from './render/encoder-settings';
import { renderVariant, variantSize } from './render/platform-variants';
import { createPlatformAdapter, type PlatformAdapterSettings } from './platforms/platform-adapters';
import type { PlatformAdapter } from './platforms/platform-adapter';
import type { PlatformId } from '../../shared/domain/platforms';

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
  /** Automation tuning (tests): free-space reader, check and push intervals. */
  automation?: Parameters<typeof createAutomation>[0]['options'];
  /** Media library tuning (tests and benchmarks). */
  media?: {
    thumbnailConcurrency?: number;
    importConcurrency?: number;
    uploadLimitBytes?: number;
    watchDebounceMs?: number;
    /** Off: no startup check of files and no resumed thumbnails (benchmarks measure them). */
    startInBackground?: boolean;
  };
}

export interface EngineServices {
  settings: SettingsService;
  accounts: AccountsService;
  jobs: JobQueue;
  configs: ConfigService;
  execution: ExecutionService;
  scheduler: Scheduler;
  distribution: DistributionService;
  media: MediaService;
  automation: AutomationService;
  apiTokens: ApiTokenService;
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
export async function createEngine(
  enginePorts: EnginePorts,
  options: EngineOptions,
): Promise<Engine> {
  let ports = enginePorts;
  mkdirSync(ports.paths.dataDir, { recursive: true });
  const releaseLock = acquireDataDirLock(ports.paths.dataDir);
  let database: DatabaseHandle;
  try {
    database = openDatabase({ file: ports.paths.dbFile, nativeBinding: options.nativeBinding });
  } catch (error) {
    releaseLock();
    throw error;
  }
  try {
    const report = await migrateToLatest(database.db, migrations, ports.logger);
    // Automation (docs/desktop.md): a tap in front of the event sink, and the pause switch that
    // the job queue and the scheduler consult.
    const jobKinds = { render: RENDER_JOB, upload: UPLOAD_JOB };
    const prepared = await prepareAutomation(ports, database.db, jobKinds);
    ports = prepared.ports;
    const facts: AppFacts = {
      appVersion: options.appVersion,
      mode: options.mode,
      dataDirPinned: options.dataDirPinned,
      defaultDataDir: options.defaultDataDir,
      schemaVersion: report.to,
    };

    const settings = new SettingsService(new SettingsRepository(database.db), {
      clock: ports.clock,
      events: ports.events,
      logger: ports.logger.child({ domain: 'settings' }),
      desktop: ports.desktop,
    });

    const accounts = new AccountsService(ports, new AccountsRepository(database.db), {
      endpointOverrides: options.endpointOverrides,
      timeZone: async () => (await settings.get()).timeZone,
    });
    accounts.startBackgroundRefresh();
    const jobs = new JobQueue({
      store: new SqliteJobStore(database.db),
      clock: ports.clock,
      ids: ports.ids,
      logger: ports.logger.child({ domain: 'jobs' }),
      events: ports.events,
      claimFloor: prepared.pause.claimFloor,
    });
    const configRepository = new ConfigRepository(database.db);
    const configs = new ConfigService(configRepository, {
      clock: ports.clock,
      ids: ports.ids,
      events: ports.events,
      logger: ports.logger.child({ domain: 'configs' }),
      defaultTimeZone: async () => (await settings.get()).timeZone,
    });
    let previews: ConfigPreviews | null = null;
    const mediaLogger = ports.logger.child({ domain: 'media' });
    const media = new MediaService({
      repository: new MediaRepository(database.db),
      tools: ffmpegToolsResolver({
        configuredPath: async () => (await settings.get()).ffmpegPath,
        resourcesDir: ports.paths.resourcesDir,
        now: () => ports.clock.now(),
      }),
      paths: ports.paths,
      clock: ports.clock,
      ids: ports.ids,
      events: ports.events,
      logger: mediaLogger,
      desktop: ports.desktop,
      ...options.media,
      previewFile: (id) => previews?.fileOf(id) ?? null,
    });
    const renderPort = new LibraryRenderPort({
      engine: createRenderEngine({
        resolveFfmpeg: ffmpegResolver({
          configuredPath: async () => (await settings.get()).ffmpegPath,
          resourcesDir: ports.paths.resourcesDir,
        }),
        fontFile: path.join(ports.paths.resourcesDir, 'fonts', 'DejaVuSans-Bold.ttf'),
        tempDir: ports.paths.tempDir,
        logger: ports.logger.child({ domain: 'render' }),
      }),
      library: media,
      rendersDir: path.join(ports.paths.mediaDir, 'renders'),
      logger: ports.logger.child({ domain: 'render' }),
      renderHeight: options.renderHeight ?? null,
    });
    const librarySource = new MediaLibrarySource(media);
    const generation: GenerationPorts | null =
      options.generation === undefined
        ? { render: renderPort, media: librarySource }
        : options.generation;
    previews = new ConfigPreviews({
      port: options.generation === null ? null : renderPort,
      media: options.generation === null ? null : librarySource,
      dir: path.join(ports.paths.cacheDir, 'previews'),
      clock: ports.clock,
      ids: ports.ids,
      events: ports.events,
      logger: ports.logger.child({ domain: 'previews' }),
    });
    const execution = new ExecutionService(configRepository, {
      queue: jobs,
      clock: ports.clock,
      ids: ports.ids,
      events: ports.events,
      logger: ports.logger.child({ domain: 'runs' }),
      random: Math.random,
      generation,
    });
    jobs.register(execution.renderHandler());
    const adapters = new Map<PlatformId, PlatformAdapter>();
    const adapterFor = (platform: PlatformId) => {
      let adapter = adapters.get(platform);
      if (!adapter) {
        adapter = createPlatformAdapter(platform, {
          ...options.platformSettings,
          endpoints: options.endpointOverrides,
        });
        adapters.set(platform, adapter);
      }
      return adapter;
    };
    const locateTools = async (need: string) => {
      const found = await locateFfmpeg({
        configuredPath: (await settings.get()).ffmpegPath,
        resourcesDir: ports.paths.resourcesDir,
      });
      if (!found.found || !found.ffmpegPath || !found.ffprobePath) {
        throw new AppError(
          'UNAVAILABLE',
          `ffmpeg was not found, so ${need}. Set the ffmpeg path in Settings.`,
        );
      }
      return { ffmpegPath: found.ffmpegPath, ffprobePath: found.ffprobePath };
    };
    const distribution = new DistributionService({
      repository: new DistributionRepository(database.db),
      queue: jobs,
      accounts,
      adapterFor,
      probe: async (file) =>
        probeVideo(
          (await locateTools('the video cannot be checked before posting')).ffprobePath,
          file,
        ),
      variantFor: async (platform, facts) => {
        if (!variantSize(platform, facts)) return null;
        const tools = await locateTools(`the smaller copy ${platform} needs cannot be made`);
        const variant = await renderVariant({
          ffmpegPath: tools.ffmpegPath,
          platform,
          video: { ...facts, durationMs: facts.durationSec * 1000 },
          encoder: defaultEncoderSettings,
          onProgress: undefined,
          signal: undefined,
          logger: ports.logger.child({ domain: 'distribution' }),
        });
        return probeVideo(tools.ffprobePath, variant.path);
      },
      clock: ports.clock,
      ids: ports.ids,
      events: ports.events,
      logger: ports.logger.child({ domain: 'distribution' }),
      metricsEveryMs: options.metricsEveryMs,
    });
    jobs.register(distribution.uploadHandler());
    jobs.register(distribution.metricsHandler());
    execution.onVideoRendered(async (video) => void (await distribution.distributeRunVideo(video)));
    const scheduler = new Scheduler({
      repository: configRepository,
      execution,
      clock: ports.clock,
      power: ports.power,
      logger: ports.logger.child({ domain: 'scheduler' }),
      onConfigChanged: (id) => void configs.changed(id).catch(() => {}),
      isPaused: () => prepared.pause.paused,
    });
    const automation = createAutomation({
      ...prepared,
      ports,
      db: database.db,
      kinds: jobKinds,
      queue: jobs,
      scheduler,
      timeZone: async () => (await settings.get()).timeZone,
      options: options.automation,
    });
    const apiTokens = await ApiTokenService.load(
      new KeyedSetting(database.db, 'api.tokens', storedTokensSchema, ports.logger),
      { clock: ports.clock, ids: ports.ids, logger: ports.logger.child({ domain: 'api-tokens' }) },
    );
    configs.onChange(() => scheduler.wake());
    execution.onRunChanged((id) => void configs.changed(id).catch(() => {}));
    if (options.media?.startInBackground !== false) {
      void media
        .start()
        .catch((error: unknown) =>
          mediaLogger.warn('media library start-up check failed', { error: String(error) }),
        );
    }

    const handlers: Handlers = {
      ...appHandlers(ports, database, facts),
      ...settingsHandlers(settings, ports.paths),
      ...accountsHandlers(accounts),
      ...jobsHandlers(jobs),
      ...configsHandlers(configs, execution, scheduler, ports.clock, {
        previews,
        media,
      }),
      ...mediaHandlers(media),
      ...distributionHandlers(distribution),
      ...automation.handlers,
      ...apiTokensHandlers(apiTokens),
    };
    const registry = createHandlerRegistry(handlers, ports.logger.child({ domain: 'ipc' }));
    ports.logger.info('engine started', {
      mode: options.mode,
      dataDir: ports.paths.dataDir,
      schema: report.to,
    });

    let starting: Promise<void> | null = null;
    let closing: Promise<void> | null = null;
    const start = () => {
      starting ??= (async () => {
        await execution.resume();
        // A week back: older rendered videos were handed over or deliberately left alone.
        await execution.replayRendered(ports.clock.now() - 7 * 86_400_000, (id) =>
          distribution.hasRunVideo(id),
        );
        await automation.service.start();
        await jobs.start();
        await scheduler.start();
      })();
      return starting;
    };
    if (options.autoStart ?? true) await start();
    return {
      services: {
        settings,
        accounts,
        jobs,
        configs,
        execution,
        scheduler,
        media,
        distribution,
        automation: automation.service,
        apiTokens,
      },
      handlers,
      invoke: (channel: string, payload: unknown, context?: HandlerContext) =>
        registry.invoke(channel, payload, context),
      database,
      start,
      close() {
        closing ??= (async () => {
          automation.service.stop();
          await scheduler.stop();
          await jobs.shutdown(options.shutdownGraceMs ?? 10_000);
          await accounts.close();
          previews?.close();
          await media.close();
          await database.close();
          releaseLock();
          ports.logger.info('engine stopped');
        })();
        return closing;
      },
    };
  } catch (error) {
    await database.close();
    releaseLock();
    throw error;
  }
}
