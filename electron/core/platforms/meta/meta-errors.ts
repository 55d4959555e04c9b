import { z } from 'zod';
import type { FailureDetail, PlatformError } from '../error-classification';
import { classifyAnswer } from '../http/api-call';
import type { HttpResponse } from '../http/http-request';

const graphErrorSchema = z.object({
  error: z.object({
    message: z.string().optional(),
    type: z.string().optional(),
    code: z.number().optional(),
    error_subcode: z.number().optional(),
    is_transient: z.boolean().optional(),
    error_user_msg: z.string().optional(),
  }),
});
const ruploadErrorSchema = z.object({
  debug_info: z.object({
    retriable: z.boolean().optional(),
    type: z.string().optional(),
    message: z.string().optional(),
  }),
});

/** Graph API codes (developers.facebook.com/docs/graph-api/guides/error-handling). */
const rateCodes = new Set([4, 17, 32, 613, 80001, 80002, 80004, 80005, 80006, 80008, 80014]);
const reconnectSubcodes = new Set([458, 459, 460, 464, 467, 492]);

export function graphFailureDetail(body: unknown): FailureDetail {
  const parsed = graphErrorSchema.safeParse(body);
  if (parsed.success) {
    const { code, error_subcode: sub, message, is_transient, error_user_msg } = parsed.data.error;
    const reason = code === undefined ? undefined : sub ? `${code}/${sub}` : String(code);
    const text = error_user_msg ?? message;
    if (code === 190 || code === 102)
      return sub !== undefined && reconnectSubcodes.has(sub)
        ? { reason, message: text, kind: 'auth', reconnect: true }
        : { reason, message: text, kind: 'auth', tokenExpired: true };
    if (code === 10 || (code !== undefined && code >= 200 && code <= 299))
      return { reason, message: text, kind: 'auth', reconnect: true };
    // Instagram's publishing limit (code 9, subcode 2207042) is a wait, not a content problem.
    if ((code !== undefined && rateCodes.has(code)) || (code === 9 && sub === 2207042))
      return { reason, message: text, kind: 'rate' };
    if (is_transient || code === 1 || code === 2)
      return { reason, message: text, kind: 'transient' };
    return { reason, message: text };
  }
  const rupload = ruploadErrorSchema.safeParse(body);
  if (rupload.success) {
    const { retriable, type, message } = rupload.data.debug_info;
    return { reason: type, message, ...(retriable ? { kind: 'transient' as const } : {}) };
  }
  return {};
}

export function metaFailure(
  service: 'instagram' | 'facebook',
  response: HttpResponse,
  now: number,
): PlatformError {
  return classifyAnswer(service, response, graphFailureDetail, now);
}

/** `v21.0` from `https://graph.facebook.com/v21.0`: rupload paths carry the same version. */
export function graphVersion(apiBaseUrl: string): string {
  return /\/(v\d+\.\d+)\/?$/.exec(apiBaseUrl)?.[1] ?? 'v21.0';
}
