import type { PlatformId } from '../../../shared/domain/platforms';
import {
  authError,
  isPlatformError,
  rateError,
  transientError,
} from '../platforms/error-classification';

/** Token failures from the accounts service, in the platforms' classification. */
export function tokenFailure(platform: PlatformId, error: unknown): unknown {
  if (isPlatformError(error)) return error;
  const kind = (error as { kind?: unknown } | null)?.kind;
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof Error && error.name === 'TokenError') {
    if (kind === 'auth') return authError(platform, message, { reconnect: true });
    if (kind === 'rate') {
      const retryAfterMs = (error as { retryAfterMs?: number | null }).retryAfterMs ?? undefined;
      return rateError(platform, message, { retryAfterMs });
    }
    return transientError(platform, message, { cause: error });
  }
  return error;
}
