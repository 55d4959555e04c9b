import { isDiskFullError } from '../errors';
import type { Logger } from '../ports';

export interface ProcessGuardOptions {
  logger: Logger;
  /** An error after which going on is not safe: the shell says so and ends the process. */
  onFatal(error: Error): void;
}

function stackOf(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/** Errors of the outside world that leave the process's own state whole. */
function isOutsideTrouble(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return isDiskFullError(error) || code === 'EPIPE' || code === 'ECONNRESET';
}

/**
 * The engine lives in the desktop app's main process: an exception nobody caught would end it,
 * and with it the windows, the tray and every upload. So:
 *
 * - a rejected promise nobody handled is logged and the process goes on (nothing was left half
 *   done on a stack: the promise's own code had finished);
 * - an uncaught exception from a full disk or a closed pipe is logged and the process goes on;
 * - any other uncaught exception is logged and handed to `onFatal`: the state of the code that
 *   threw is unknown, so going on could do worse than stopping.
 *
 * Returns the function that removes the guards.
 */
export function installProcessGuards(options: ProcessGuardOptions): () => void {
  const { logger } = options;
  const onRejection = (reason: unknown) => {
    logger.error('a failed promise was not handled; ReelPilot goes on', {
      error: stackOf(reason),
    });
  };
  const onException = (error: Error, origin: string) => {
    if (isOutsideTrouble(error)) {
      logger.error('an error was not handled; ReelPilot goes on', {
        error: stackOf(error),
        origin,
      });
      return;
    }
    logger.error('an unexpected error stops ReelPilot', { error: stackOf(error), origin });
    options.onFatal(error);
  };
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return () => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  };
}
