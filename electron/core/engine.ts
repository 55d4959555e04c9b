import { mkdirSync } from 'node:fs';
import { acquireDataDirLock } from './app/data-dir-lock';
import { appHandlers, type AppFacts } from './app/app-handlers';
import { openDatabase, type DatabaseHandle } from './db/connection';
import { migrateToLatest } from './db/migrate';
import { migrations } from './db/migrations';
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
import { SettingsService } from './settings/settings-service';

export interface EngineOptions {
  appVersion: string;
  mode: 'desktop' | 'headless';
  dataDirPinned: boolean;
  defaultDataDir: string;
  /** better-sqlite3 addon for a runtime other than this Node (the Electron build). */
  nativeBinding?: string;
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
  media: MediaService;
}

export interface Engine {
  services: EngineServices;
  handlers: Handlers;
  invoke: HandlerRegistry['invoke'];
  database: DatabaseHandle;
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
  try {
    const report = await migrateToLatest(database.db, migrations, ports.logger);
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
    });
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
      ...mediaHandlers(media),
    };
    const registry = createHandlerRegistry(handlers, ports.logger.child({ domain: 'ipc' }));
    ports.logger.info('engine started', {
      mode: options.mode,
      dataDir: ports.paths.dataDir,
      schema: report.to,
    });

    let closing: Promise<void> | null = null;
    return {
      services: { settings, media },
      handlers,
      invoke: (channel: string, payload: unknown, context?: HandlerContext) =>
        registry.invoke(channel, payload, context),
      database,
      close() {
        closing ??= (async () => {
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
