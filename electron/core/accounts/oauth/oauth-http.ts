import type { HttpFetch } from '../../ports';

/**
 * Why a call to a platform failed, in the terms the rest of the app acts on: only
 * `invalid_grant` (a refused or revoked grant, confirmed by the platform) disconnects an
 * account; `rate` waits; `transient` retries; `other` is shown as is.
 */
export type OAuthFailure = 'invalid_grant' | 'rate' | 'transient' | 'other';

export class OAuthError extends Error {
  constructor(
    readonly kind: OAuthFailure,
    message: string,
    readonly status: number | null = null,
    readonly retryAfterMs: number | null = null,
    readonly code: string | null = null,
  ) {
    super(message);
    this.name = 'OAuthError';
  }
}

export function parseRetryAfter(value: string | null, now: number): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

export interface JsonAnswer {
  status: number;
  body: unknown;
  headers: Headers;
}

/**
 * One HTTP call to a platform. Network failures, 5xx and 429 become `transient` or `rate`
 * errors here; any other answer is returned for the provider to judge, since each platform
 * words its refusals differently.
 */
export async function requestJson(
  http: HttpFetch,
  url: string,
  init: RequestInit,
  what: string,
  now: () => number,
): Promise<JsonAnswer> {
  let response: Response;
  try {
    response = await http(url, { ...init, signal: init.signal ?? AbortSignal.timeout(30_000) });
  } catch (error) {
    throw new OAuthError(
      'transient',
      `${what} could not be reached (${error instanceof Error ? error.message : String(error)}). Check the connection; ReelPilot will try again.`,
    );
  }
  const text = await response.text().catch(() => '');
  let body: unknown = null;
  try {
    body = text ? (JSON.parse(text) as unknown) : null;
  } catch {
    body = text;
  }
  if (response.status === 429) {
    throw new OAuthError(
      'rate',
      `${what} asked ReelPilot to slow down (429).`,
      429,
      parseRetryAfter(response.headers.get('retry-after'), now()),
    );
  }
  if (response.status >= 500) {
    throw new OAuthError(
      'transient',
      `${what} had a server error (${response.status}). ReelPilot will try again later.`,
      response.status,
    );
  }
  return { status: response.status, body, headers: response.headers };
}

export function formBody(values: Record<string, string | undefined>): URLSearchParams {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== undefined) form.set(key, value);
  return form;
}
