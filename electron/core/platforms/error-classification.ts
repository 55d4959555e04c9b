import { platformNames } from '../../../shared/domain/platforms';
import { AppError } from '../errors';
import type { ServiceId } from './platform-endpoints';

/**
 * One classification for every platform failure (PLATFORMS.md "Errors: what is transient"):
 * `auth` refresh once or reconnect, `rate` wait (never an account error), `transient` retry with
 * backoff, `content` fail the post without retrying, `unknown` an irreversible call (publish,
 * tweet) whose answer never arrived: the post may or may not exist, so it is looked for before
 * anything is posted again, and its saved state is never cleared.
 */
export type ErrorKind = 'auth' | 'rate' | 'transient' | 'content' | 'unknown';

export const serviceNames: Record<ServiceId, string> = { ...platformNames, drive: 'Google Drive' };

export interface PlatformErrorOptions {
  /** The platform's own reason code (quotaExceeded, access_token_invalid, 190/463...). */
  reason?: string;
  status?: number;
  retryAfterMs?: number;
  /** An auth failure a forced token refresh can fix (expired access token). */
  tokenExpired?: boolean;
  /** An auth failure only the user can fix: invalid grant, revoked access. */
  reconnect?: boolean;
  /**
   * The request provably never reached the server (connection refused, DNS failure, no
   * connection within the connect timeout): even an irreversible call did nothing.
   */
  notSent?: boolean;
  cause?: unknown;
}

export class PlatformError extends AppError {
  readonly reason: string | undefined;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly tokenExpired: boolean;
  readonly reconnect: boolean;
  readonly notSent: boolean;

  constructor(
    readonly service: ServiceId,
    readonly kind: ErrorKind,
    message: string,
    options: PlatformErrorOptions = {},
  ) {
    super(
      kind === 'content' ? 'BAD_INPUT' : kind === 'auth' ? 'FORBIDDEN' : 'UNAVAILABLE',
      message,
      {
        service,
        kind,
        reason: options.reason,
        status: options.status,
        retryAfterMs: options.retryAfterMs,
        reconnect: options.reconnect ?? false,
      },
    );
    this.name = 'PlatformError';
    this.reason = options.reason;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
    this.tokenExpired = options.tokenExpired ?? false;
    this.reconnect = options.reconnect ?? false;
    this.notSent = options.notSent ?? false;
    if (options.cause !== undefined) this.cause = options.cause;
  }
}

export function isPlatformError(error: unknown): error is PlatformError {
  return error instanceof PlatformError;
}

/** `Retry-After` as seconds or an HTTP date, in milliseconds from `now`. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function describeWait(ms: number): string {
  if (ms < 90_000) return `${Math.ceil(ms / 1000)} s`;
  if (ms < 5_400_000) return `${Math.ceil(ms / 60_000)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}

export function authError(
  service: ServiceId,
  detail: string,
  options: PlatformErrorOptions,
): PlatformError {
  const name = serviceNames[service];
  const message = options.reconnect
    ? `${name} no longer accepts ReelPilot's access (${detail}). Reconnect the account on the Accounts screen, then retry the post.`
    : `${name} refused the access token (${detail}). ReelPilot refreshes the token and retries; if this keeps happening, reconnect the account.`;
  return new PlatformError(service, 'auth', message, options);
}

export function rateError(
  service: ServiceId,
  detail: string,
  options: PlatformErrorOptions,
): PlatformError {
  const wait = options.retryAfterMs;
  const when = wait === undefined ? 'a few minutes' : describeWait(wait);
  return new PlatformError(
    service,
    'rate',
    `${serviceNames[service]} is limiting requests (${detail}). ReelPilot waits ${when} and tries again; nothing is wrong with the account.`,
    options,
  );
}

export function transientError(
  service: ServiceId,
  detail: string,
  options: PlatformErrorOptions = {},
): PlatformError {
  return new PlatformError(
    service,
    'transient',
    `${serviceNames[service]} could not be reached or had a temporary problem (${detail}). ReelPilot retries automatically; if it persists, check the network connection.`,
    options,
  );
}

export function contentError(
  service: ServiceId,
  detail: string,
  options: PlatformErrorOptions = {},
): PlatformError {
  return new PlatformError(
    service,
    'content',
    `${serviceNames[service]} rejected the post: ${detail}. Change the video or its text and post again.`,
    options,
  );
}

/**
 * The answer to an irreversible call never arrived (a reset, a timeout, a 5xx a gateway may have
 * sent after the platform acted): the post may or may not exist.
 */
export function unknownOutcomeError(
  service: ServiceId,
  detail: string,
  options: PlatformErrorOptions = {},
): PlatformError {
  return new PlatformError(
    service,
    'unknown',
    `ReelPilot cannot tell yet whether the post exists on ${serviceNames[service]} (${detail}). It looks for the post there before it ever posts again.`,
    options,
  );
}

/** What a platform's error body says, extracted by the adapter's own parser. */
export interface FailureDetail {
  reason?: string;
  message?: string;
  kind?: ErrorKind;
  tokenExpired?: boolean;
  reconnect?: boolean;
  retryAfterMs?: number;
}

/** Classifies an HTTP answer that is not a success; the platform's detail wins over the status. */
export function classifyHttpFailure(
  service: ServiceId,
  status: number,
  headers: { get(name: string): string | null | undefined },
  detail: FailureDetail,
  now: number,
): PlatformError {
  const retryAfterMs = detail.retryAfterMs ?? parseRetryAfter(headers.get('retry-after'), now);
  const text = [detail.reason, detail.message].filter(Boolean).join(': ') || `HTTP ${status}`;
  const options = { reason: detail.reason, status, retryAfterMs };
  const kind =
    detail.kind ??
    (status === 401
      ? 'auth'
      : status === 429
        ? 'rate'
        : status === 408 || status >= 500
          ? 'transient'
          : 'content');
  switch (kind) {
    case 'auth':
      return authError(service, text, {
        ...options,
        tokenExpired: detail.tokenExpired ?? !detail.reconnect,
        reconnect: detail.reconnect ?? false,
      });
    case 'rate':
      return rateError(service, text, options);
    case 'transient':
      return transientError(service, text, options);
    case 'content':
      return contentError(service, detail.message ?? text, options);
    case 'unknown':
      return unknownOutcomeError(service, text, options);
  }
}

/** Failures that prove the request never left: nothing was sent, nothing can have happened. */
const notSentCodes = new Set([
  'ECONNREFUSED',
  'EAI_AGAIN',
  'ENOTFOUND',
  'ENETUNREACH',
  'EHOSTUNREACH',
]);
const transientCodes = new Set([
  ...notSentCodes,
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
]);

/**
 * A failure below HTTP (reset, refused, timeout). Aborts are returned untouched. `connected`:
 * whether the connection was made; a failure before that never sent the request.
 */
export function classifyNetworkFailure(
  service: ServiceId,
  error: unknown,
  connected = true,
): unknown {
  if (isPlatformError(error) || isAbort(error)) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const detail =
    typeof code === 'string' &&
    transientCodes.has(code) &&
    !(error instanceof Error && error.name === 'HttpTimeoutError')
      ? code
      : error instanceof Error
        ? error.message
        : String(error);
  const notSent = !connected || (typeof code === 'string' && notSentCodes.has(code));
  return transientError(service, detail, { cause: error, notSent });
}

export function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

/**
 * Errors thrown by the injected token provider (the accounts service). Only a confirmed
 * invalid grant disconnects the account; anything else is treated as a blip.
 */
export function classifyTokenProviderFailure(service: ServiceId, error: unknown): unknown {
  if (isPlatformError(error) || isAbort(error)) return error;
  const text = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'invalid_grant' || /invalid_grant/.test(text))
    return authError(service, 'invalid grant', { reason: 'invalid_grant', reconnect: true });
  return transientError(service, `token refresh failed: ${text}`, { cause: error });
}
