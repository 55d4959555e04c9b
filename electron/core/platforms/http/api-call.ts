import type { z } from 'zod';
import {
  classifyHttpFailure,
  transientError,
  type FailureDetail,
  type PlatformError,
} from '../error-classification';
import type { ServiceId } from '../platform-endpoints';
import { withRetry, type AdapterRuntime, type TokenSession } from '../upload-runtime';
import { httpRequest, tryJson, type HttpRequestOptions, type HttpResponse } from './http-request';

export interface ApiCallOptions {
  service: ServiceId;
  runtime: AdapterRuntime;
  tokens: TokenSession;
  signal?: AbortSignal;
  /** Builds the request with the current access token (rebuilt after a forced refresh). */
  request(token: string): Omit<HttpRequestOptions, 'service' | 'signal' | 'timeouts'>;
  /** Turns a non-2xx answer into a classified error (each platform has its own error body). */
  failure(response: HttpResponse): PlatformError;
  /** False for calls that must not be repeated blindly (a post creation). */
  retry?: boolean;
}

/** One authorized API call: token refresh once on expiry, transient failures retried. */
export function apiCall(options: ApiCallOptions): Promise<HttpResponse> {
  const once = () =>
    options.tokens.call(async (token) => {
      const response = await httpRequest({
        ...options.request(token),
        service: options.service,
        signal: options.signal,
        timeouts: options.runtime.timeouts,
      });
      if (response.status < 200 || response.status > 299) throw options.failure(response);
      return response;
    });
  return options.retry === false ? once() : withRetry(options.runtime, options.signal, once);
}

/** Validates an answer's JSON; a shape we do not know is treated as a transient server fault. */
export function parseAnswer<T extends z.ZodType>(
  service: ServiceId,
  schema: T,
  response: HttpResponse,
  what: string,
): z.infer<T> {
  const parsed = schema.safeParse(tryJson(response));
  if (!parsed.success)
    throw transientError(service, `${what} was answered in a form ReelPilot does not understand`);
  return parsed.data;
}

/** A failed answer, classified by what the platform's own error body says (`readDetail`). */
export function classifyAnswer(
  service: ServiceId,
  response: HttpResponse,
  readDetail: (body: unknown) => FailureDetail,
  now: number,
): PlatformError {
  const detail = readDetail(tryJson(response));
  return classifyHttpFailure(service, response.status, response.headers, detail, now);
}
