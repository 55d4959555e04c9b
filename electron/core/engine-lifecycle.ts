/**
 * How the engine's modules start and stop, and the background work started with them. Kept
 * apart from the composition root (engine.ts), which only builds the modules in order.
 */
import { makeDataFolderPrivate } from './app/data-permissions';
import type { EngineModule } from './engine-module';
import { describeError } from './errors';
import type { EnginePorts, Logger } from './ports';

/**
 * Start: every `recover` in list order (nothing runs yet), then every `start` in list order.
 * Stop: every `stop` in reverse order; one that fails is logged and the others still stop.
 */
export function moduleLifecycle(modules: readonly EngineModule[], ports: EnginePorts) {
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

/**
 * Makes the media copies, renders and thumbnails below the data folder private, walked in the
 * background; never rejects (closing awaits it), a failure is logged.
 */
export function makeDataFolderPrivateInBackground(dataDir: string, logger: Logger): Promise<void> {
  return makeDataFolderPrivate(dataDir, logger)
    .then((changed) => {
      if (changed > 0) logger.info('data folder made private', { changed });
    })
    .catch((error: unknown) =>
      logger.warn('data folder not made private', { error: describeError(error) }),
    );
}
