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
