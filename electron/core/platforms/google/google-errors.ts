import { z } from 'zod';
import { msUntilMidnightPacific } from '../youtube/youtube-quota';
import type { FailureDetail, PlatformError } from '../error-classification';
import { classifyAnswer } from '../http/api-call';
import type { HttpResponse } from '../http/http-request';
import type { ServiceId } from '../platform-endpoints';

const googleErrorSchema = z.object({
  error: z.object({
    code: z.number().optional(),
    message: z.string().optional(),
    status: z.string().optional(),
    errors: z
      .array(z.object({ reason: z.string().optional(), message: z.string().optional() }))
      .optional(),
  }),
});

/** Reasons Google documents for YouTube and Drive, by what the app should do about them. */
const dailyQuotaReasons = new Set(['quotaExceeded', 'dailyLimitExceeded', 'uploadLimitExceeded']);
const rateReasons = new Set(['rateLimitExceeded', 'userRateLimitExceeded']);
const reconnectReasons = new Set(['insufficientPermissions', 'forbidden', 'accountDisabled']);

export function googleFailureDetail(status: number, body: unknown, now: number): FailureDetail {
  const parsed = googleErrorSchema.safeParse(body);
  if (!parsed.success) return {};
  const reason = parsed.data.error.errors?.[0]?.reason ?? parsed.data.error.status;
  const message = parsed.data.error.message;
  if (reason && dailyQuotaReasons.has(reason))
    return { reason, message, kind: 'rate', retryAfterMs: msUntilMidnightPacific(now) };
  if (reason && rateReasons.has(reason)) return { reason, message, kind: 'rate' };
  if (status === 401) return { reason, message, kind: 'auth', tokenExpired: true };
  if (status === 403 && reason && reconnectReasons.has(reason))
    return { reason, message, kind: 'auth', reconnect: true };
  return { reason, message };
}

export function googleFailure(
  service: ServiceId,
  response: HttpResponse,
  now: number,
): PlatformError {
  return classifyAnswer(
    service,
    response,
    (body) => googleFailureDetail(response.status, body, now),
    now,
  );
}
