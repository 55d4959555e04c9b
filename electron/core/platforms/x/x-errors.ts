import { z } from 'zod';
import {
  classifyHttpFailure,
  type FailureDetail,
  type PlatformError,
} from '../error-classification';
import { tryJson, type HttpResponse } from '../http/http-request';

/** X answers problems as RFC 7807 objects, older endpoints as `errors: [{message, code}]`. */
const problemSchema = z.object({
  title: z.string().optional(),
  detail: z.string().optional(),
  type: z.string().optional(),
  status: z.number().optional(),
  reason: z.string().optional(),
  errors: z
    .array(z.object({ message: z.string().optional(), code: z.number().optional() }))
    .optional(),
});

export function xFailure(response: HttpResponse, now: number): PlatformError {
  const parsed = problemSchema.safeParse(tryJson(response));
  const problem = parsed.success ? parsed.data : {};
  const detail: FailureDetail = {
    reason: problem.reason ?? problem.title,
    message: problem.detail ?? problem.errors?.[0]?.message,
  };
  // X says when the window resets (epoch seconds) instead of Retry-After.
  const reset = Number(response.headers.get('x-rate-limit-reset'));
  if (response.status === 429 && Number.isFinite(reset) && reset > 0)
    detail.retryAfterMs = Math.max(0, reset * 1000 - now);
  if (
    response.status === 403 &&
    /client-not-enrolled|unsupported-authentication/.test(problem.type ?? '')
  )
    Object.assign(detail, { kind: 'auth', reconnect: true });
  return classifyHttpFailure('x', response.status, response.headers, detail, now);
}
