import { z } from 'zod';
import type { FailureDetail, PlatformError } from '../error-classification';
import { classifyAnswer } from '../http/api-call';
import type { HttpResponse } from '../http/http-request';

export const tiktokEnvelopeError = z.object({
  code: z.string(),
  message: z.string().optional(),
  log_id: z.string().optional(),
});

/** TikTok's documented error codes, by what the app should do about them. */
const rateCodes = new Set([
  'rate_limit_exceeded',
  'spam_risk_too_many_posts',
  'spam_risk_too_many_pending_share',
]);
const reconnectCodes = new Set([
  'scope_not_authorized',
  'scope_permission_missed',
  'access_token_revoked',
]);
const expiredCodes = new Set(['access_token_invalid', 'access_token_expired']);
const transientCodes = new Set(['internal_error', 'server_error']);

export function tiktokFailureDetail(body: unknown): FailureDetail {
  const parsed = z.object({ error: tiktokEnvelopeError }).safeParse(body);
  if (!parsed.success) return {};
  const { code, message } = parsed.data.error;
  if (rateCodes.has(code)) return { reason: code, message, kind: 'rate' };
  if (expiredCodes.has(code)) return { reason: code, message, kind: 'auth', tokenExpired: true };
  if (reconnectCodes.has(code)) return { reason: code, message, kind: 'auth', reconnect: true };
  if (transientCodes.has(code)) return { reason: code, message, kind: 'transient' };
  return { reason: code, message };
}

export function tiktokFailure(response: HttpResponse, now: number): PlatformError {
  return classifyAnswer('tiktok', response, tiktokFailureDetail, now);
}
