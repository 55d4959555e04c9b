import type { ErrorCode } from '../../shared/contract';

/**
 * An error meant for the person using the app: `message` says what happened and what to do.
 * Anything else thrown inside a handler is a bug and reaches the UI as INTERNAL.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

const diskFullCodes = new Set(['ENOSPC', 'EDQUOT', 'SQLITE_FULL']);
/** What SQLite, Node and ffmpeg say when the disk (or the person's quota) is full. */
const diskFullText =
  /no space left on device|database or disk is full|disk quota exceeded|ENOSPC|SQLITE_FULL/i;

/** Whether a text (a logged error) says the disk is full. */
export function saysDiskFull(text: string): boolean {
  return diskFullText.test(text);
}

/**
 * Whether an error comes from a full disk: Node's ENOSPC or EDQUOT, SQLite's SQLITE_FULL, or a
 * child process (ffmpeg) saying so, here or in its `cause`.
 */
export function isDiskFullError(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth += 1) {
    if (typeof current !== 'object') return typeof current === 'string' && saysDiskFull(current);
    const { code, message, cause } = current as {
      code?: unknown;
      message?: unknown;
      cause?: unknown;
    };
    if (typeof code === 'string' && diskFullCodes.has(code)) return true;
    if (typeof message === 'string' && saysDiskFull(message)) return true;
    current = cause;
  }
  return false;
}

/** The words for a change that could not be saved because the disk is full. */
export function diskFullError(): AppError {
  return new AppError(
    'UNAVAILABLE',
    'The disk holding your ReelPilot data is full, so this was not saved. Free some space on it (empty the trash, delete large files you no longer need); ReelPilot carries on by itself when there is room again, and nothing saved before is lost.',
    { reason: 'diskFull' },
  );
}
