import {
  classifyTokenProviderFailure,
  isPlatformError,
  type PlatformError,
} from './error-classification';
import { defaultHttpTimeouts, type HttpTimeouts } from './http/http-request';
import type { PublishContext } from './platform-adapter';
import type { ServiceId } from './platform-endpoints';

/** Backoff and timing shared by every adapter; tests shrink the delays. */
export interface RetryPolicy {
  /** Attempts per step for transient failures (5xx, resets) before giving up to the job queue. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface AdapterRuntime {
  retry: RetryPolicy;
  sleep: Sleep;
  now(): number;
  random(): number;
  /** How many status polls before a still-processing post is handed back as "processing". */
  maxStatusPolls: number;
  /** Delay between status polls when the platform does not say (X does). */
  pollIntervalMs: number;
  /** Connect, idle and whole-call deadlines of every HTTP call. */
  timeouts: HttpTimeouts;
  /**
   * How long after an irreversible call whose answer was lost the platform is given before the
   * post is looked for (recent-post lists lag behind a new post): a lookup sooner proves nothing.
   */
  lookupSettleMs: number;
}

export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

export const defaultRuntime: AdapterRuntime = {
  retry: { maxAttempts: 5, baseDelayMs: 1_000, maxDelayMs: 60_000 },
  sleep: realSleep,
  now: () => Date.now(),
  random: Math.random,
  maxStatusPolls: 120,
  pollIntervalMs: 5_000,
  timeouts: defaultHttpTimeouts,
  lookupSettleMs: 60_000,
};

export function runtimeWith(overrides: Partial<AdapterRuntime> = {}): AdapterRuntime {
  return { ...defaultRuntime, ...overrides };
}

/** Exponential backoff with full jitter. */
export function backoffDelay(runtime: AdapterRuntime, attempt: number): number {
  const cap = Math.min(runtime.retry.maxDelayMs, runtime.retry.baseDelayMs * 2 ** attempt);
  return Math.floor(runtime.random() * cap);
}

/**
 * Runs `step` and retries it on transient failures; `beforeRetry` lets a resumable upload ask
 * the server where it stands. Rate, auth and content failures go straight back to the caller.
 */
export async function withRetry<T>(
  runtime: AdapterRuntime,
  signal: AbortSignal | undefined,
  step: (attempt: number) => Promise<T>,
  beforeRetry?: (error: PlatformError) => Promise<void>,
): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await step(attempt);
    } catch (error) {
      if (!isPlatformError(error) || error.kind !== 'transient') throw error;
      if (attempt + 1 >= runtime.retry.maxAttempts) throw error;
      // A 503 with Retry-After says how long to wait: never sooner, and a long wait belongs to
      // the job queue (with the state saved) rather than to a sleeping upload.
      const asked = error.retryAfterMs ?? 0;
      if (asked > runtime.retry.maxDelayMs) throw error;
      await runtime.sleep(Math.max(backoffDelay(runtime, attempt), asked), signal);
      await beforeRetry?.(error);
    }
  }
}

/**
 * Calls the platform with the injected token; when the platform says the token expired, asks
 * the accounts service for a fresh one once and repeats the call.
 */
export class TokenSession {
  constructor(
    private readonly service: ServiceId,
    private readonly provider: PublishContext['getAccessToken'],
  ) {}

  // Asked before every call rather than cached: the accounts service is the one source of truth,
  // so a token another request refreshed is picked up instead of being refreshed again.
  private async fetchToken(forceRefresh: boolean): Promise<string> {
    try {
      return await this.provider(forceRefresh ? { forceRefresh: true } : undefined);
    } catch (error) {
      throw classifyTokenProviderFailure(this.service, error);
    }
  }

  async call<T>(request: (token: string) => Promise<T>): Promise<T> {
    const token = await this.fetchToken(false);
    try {
      return await request(token);
    } catch (error) {
      if (!isPlatformError(error) || error.kind !== 'auth' || !error.tokenExpired) throw error;
      return request(await this.fetchToken(true));
    }
  }
}
