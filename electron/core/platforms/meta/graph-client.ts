import type { z } from 'zod';
import { apiCall, parseAnswer } from '../http/api-call';
import type { AdapterRuntime, TokenSession } from '../upload-runtime';
import { metaFailure } from './meta-errors';

/** Graph API calls for one adapter run: form-encoded POSTs and GETs with a Bearer token. */
export class GraphClient {
  constructor(
    private readonly service: 'instagram' | 'facebook',
    private readonly apiBaseUrl: string,
    private readonly runtime: AdapterRuntime,
    private readonly tokens: TokenSession,
    private readonly signal: AbortSignal | undefined,
  ) {}

  async get<T extends z.ZodType>(path: string, schema: T, what: string): Promise<z.infer<T>> {
    const response = await apiCall({
      service: this.service,
      runtime: this.runtime,
      tokens: this.tokens,
      signal: this.signal,
      request: (token) => ({
        method: 'GET',
        url: `${this.apiBaseUrl}${path}`,
        headers: { authorization: `Bearer ${token}` },
      }),
      failure: (answer) => metaFailure(this.service, answer, this.runtime.now()),
    });
    return parseAnswer(this.service, schema, response, what);
  }

  async post<T extends z.ZodType>(
    path: string,
    params: Record<string, string>,
    schema: T,
    what: string,
    retry = true,
  ): Promise<z.infer<T>> {
    const response = await apiCall({
      service: this.service,
      runtime: this.runtime,
      tokens: this.tokens,
      signal: this.signal,
      retry,
      request: (token) => ({
        method: 'POST',
        url: `${this.apiBaseUrl}${path}`,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams(params).toString(),
      }),
      failure: (answer) => metaFailure(this.service, answer, this.runtime.now()),
    });
    return parseAnswer(this.service, schema, response, what);
  }
}
