import type { Fault } from '../kit/emulator-kit';

/** Error answers as Google's APIs send them (JSON error envelope with a reason). */
export function googleError(code: number, reason: string, message: string, domain = 'global') {
  return {
    error: {
      code,
      message,
      errors: [{ message, domain, reason }],
      status:
        code === 401
          ? 'UNAUTHENTICATED'
          : code === 403
            ? 'PERMISSION_DENIED'
            : code === 404
              ? 'NOT_FOUND'
              : code === 429
                ? 'RESOURCE_EXHAUSTED'
                : code >= 500
                  ? 'UNAVAILABLE'
                  : 'INVALID_ARGUMENT',
    },
  };
}

export const googleUnauthenticated = googleError(
  401,
  'authError',
  'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
);
export const googleAuthHeaders = {
  'www-authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"',
};

export const youtubeQuotaExceeded = googleError(
  403,
  'quotaExceeded',
  'The request cannot be completed because you have exceeded your <a href="/youtube/v3/getting-started#quota">quota</a>.',
  'youtube.quota',
);

/** Ready-made faults for tests and the sandbox: arm them on a route name. */
export const googleFaults = {
  serverError: {
    type: 'status',
    status: 503,
    body: googleError(503, 'backendError', 'Backend Error'),
  },
  rateLimited: (retryAfterSec: number): Fault => ({
    type: 'status',
    status: 429,
    headers: { 'retry-after': String(retryAfterSec) },
    body: googleError(429, 'rateLimitExceeded', 'Rate Limit Exceeded'),
  }),
  quotaExceeded: { type: 'status', status: 403, body: youtubeQuotaExceeded },
  /** Drive's per-user limit: 403, not 429, with the reason saying so. */
  userRateLimited: {
    type: 'status',
    status: 403,
    body: googleError(
      403,
      'userRateLimitExceeded',
      'User rate limit exceeded. Reduce the rate of requests and try again.',
      'usageLimits',
    ),
  },
} satisfies Record<string, Fault | ((...args: never[]) => Fault)>;
