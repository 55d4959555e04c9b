import { z } from 'zod';
import { transientError, unknownOutcomeError } from '../error-classification';
import { httpRequest, tryJson, type HttpResponse } from '../http/http-request';
import { withRetry, type AdapterRuntime, type TokenSession } from '../upload-runtime';
import { googleFailure } from './google-errors';

/**
 * Google's resumable upload protocol (YouTube videos.insert, Drive files.create): a session URI
 * from the initial POST, then PUTs with Content-Range in multiples of 256 KiB answered by 308 +
 * Range until the last one, and the `bytes *\/TOTAL` probe to learn where the server stands.
 */
export const resumableGranule = 256 * 1024;

/** 64 MiB: the protocol waits for each chunk's 308, so larger chunks keep the pipe busier. */
export const defaultResumableChunkBytes = 64 * 1024 * 1024;

export const resumableStateSchema = z.object({
  sessionUri: z.url(),
  /** What the server confirmed last; a resume still probes, this only feeds progress. */
  offset: z.number().int().nonnegative(),
  /**
   * The marker: the final chunk, which makes the server create the resource, was being sent at
   * this time. A session that then expires may or may not have created it.
   */
  finalAt: z.number().int().nonnegative().optional(),
});
export type ResumableState = z.infer<typeof resumableStateSchema>;

export interface ResumableUploadOptions {
  service: 'youtube' | 'drive';
  runtime: AdapterRuntime;
  tokens: TokenSession;
  signal?: AbortSignal;
  filePath: string;
  totalBytes: number;
  contentType: string;
  chunkBytes: number;
  /** Where the initial POST goes (`...?uploadType=resumable`); its Location is the session URI. */
  sessionUrl: string;
  /** The resource's JSON metadata, sent with that POST. */
  metadata: unknown;
  /** Persists the session before any byte is sent, and the offset after each chunk. */
  saveState(state: ResumableState): Promise<void>;
  /**
   * Right before the final chunk (the one that creates the resource): saves the state with its
   * marker durably and checks ownership. Without it the final chunk is sent like the others.
   */
  beforeFinal?(state: ResumableState): Promise<void>;
  /**
   * Exactly once: before a session replaces one that existed (a saved session that expired),
   * looks for the resource the old one may have finished; what it finds is the result.
   */
  findExisting?(): Promise<unknown>;
  /** Told before each request is sent (the caller counts its API usage). */
  onRequest?(): void;
  onProgress?(sentBytes: number): void;
}

/** Why a session ended after its final chunk may have landed: the resource may exist. */
export const SESSION_GONE_AFTER_FINAL = 'session_gone_after_final';

type Probe = { done: unknown } | { offset: number } | { expired: true };

/** Parses `Range: bytes=0-N` into the next offset (N+1); no header means nothing stored yet. */
export function nextOffsetFromRange(range: string | undefined): number {
  const match = /^bytes=0-(\d+)$/.exec(range?.trim() ?? '');
  return match?.[1] === undefined ? 0 : Number(match[1]) + 1;
}

export function validateChunkSize(chunkBytes: number): void {
  if (!Number.isInteger(chunkBytes) || chunkBytes <= 0 || chunkBytes % resumableGranule !== 0)
    throw new RangeError(
      `Upload chunks must be a positive multiple of 256 KiB (got ${chunkBytes} bytes).`,
    );
}

export async function runResumableUpload(
  options: ResumableUploadOptions,
  saved: ResumableState | undefined,
): Promise<unknown> {
  validateChunkSize(options.chunkBytes);
  const { runtime, tokens, signal, totalBytes, service } = options;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  const interpret = (response: HttpResponse): Probe => {
    if (response.status === 200 || response.status === 201) return { done: tryJson(response) };
    if (response.status === 308)
      return { offset: nextOffsetFromRange(response.headers.get('range')) };
    if (response.status === 404 || response.status === 410) return { expired: true };
    throw googleFailure(service, response, runtime.now());
  };

  const send: typeof httpRequest = (request) => {
    options.onRequest?.();
    return httpRequest(request);
  };

  const startSession = (token: string) =>
    send({
      service,
      timeouts: runtime.timeouts,
      method: 'POST',
      url: options.sessionUrl,
      headers: {
        ...auth(token),
        'content-type': 'application/json; charset=UTF-8',
        'x-upload-content-length': String(totalBytes),
        'x-upload-content-type': options.contentType,
      },
      body: JSON.stringify(options.metadata),
      signal,
    });

  // A saved state means a session existed: whatever replaces it looks for the finished file first.
  let startedBefore = saved !== undefined;
  /** A new session's URI, or what an earlier session finished (found by `findExisting`). */
  const newSession = async (): Promise<{ uri: string } | { found: unknown }> => {
    if (startedBefore) {
      const found = await options.findExisting?.();
      if (found !== null && found !== undefined) return { found };
    }
    startedBefore = true;
    const response = await withRetry(runtime, signal, () =>
      tokens.call(async (token) => {
        const answer = await startSession(token);
        if (answer.status !== 200 && answer.status !== 201)
          throw googleFailure(service, answer, runtime.now());
        return answer;
      }),
    );
    const location = response.headers.get('location');
    if (!location)
      throw transientError(service, 'the upload session was created without a session URI');
    await options.saveState({ sessionUri: location, offset: 0 });
    return { uri: location };
  };

  const probe = (sessionUri: string) =>
    tokens.call(async (token) =>
      interpret(
        await send({
          service,
          timeouts: runtime.timeouts,
          method: 'PUT',
          url: sessionUri,
          headers: { ...auth(token), 'content-range': `bytes */${totalBytes}` },
          signal,
        }),
      ),
    );

  let sessionUri: string;
  if (saved) sessionUri = saved.sessionUri;
  else {
    const first = await newSession();
    if ('found' in first) return first.found;
    sessionUri = first.uri;
  }
  let offset = 0;
  let needProbe = saved !== undefined;
  let completeWithoutAnswer = 0;
  let finalAt = saved?.finalAt;

  for (;;) {
    const outcome = await withRetry(runtime, signal, async () => {
      if (needProbe) {
        const state = await probe(sessionUri);
        needProbe = false;
        if (!('offset' in state)) return state;
        offset = state.offset;
        // The server does not hold the final chunk: nothing was created yet.
        if (offset < totalBytes) finalAt = undefined;
        if (offset >= totalBytes && totalBytes > 0) return state;
      }
      const end = Math.min(offset + options.chunkBytes, totalBytes);
      const start = offset;
      if (end >= totalBytes && options.beforeFinal && finalAt === undefined) {
        finalAt = runtime.now();
        await options.beforeFinal({ sessionUri, offset: start, finalAt });
      }
      try {
        return await tokens.call(async (token) =>
          interpret(
            await send({
              service,
              timeouts: runtime.timeouts,
              method: 'PUT',
              url: sessionUri,
              headers: {
                ...auth(token),
                'content-type': options.contentType,
                'content-range':
                  totalBytes === 0 ? `bytes */0` : `bytes ${start}-${end - 1}/${totalBytes}`,
              },
              body: [{ path: options.filePath, start, end }],
              signal,
              onBytesSent: (() => {
                let sent = 0;
                return (bytes: number) => {
                  sent += bytes;
                  options.onProgress?.(start + sent);
                };
              })(),
            }),
          ),
        );
      } catch (error) {
        needProbe = true;
        throw error;
      }
    });
    if ('done' in outcome) return outcome.done;
    if ('expired' in outcome) {
      // Once the final chunk may have landed, a new session could create the resource twice:
      // only a lookup that finds it (when the caller has one) settles it; else it stays unknown.
      if (finalAt !== undefined) {
        const existing = options.findExisting ? await options.findExisting() : undefined;
        if (existing !== undefined && existing !== null) return existing;
        throw unknownOutcomeError(
          service,
          'the upload session expired after its last part was sent',
          { reason: SESSION_GONE_AFTER_FINAL },
        );
      }
      const next = await newSession();
      if ('found' in next) return next.found;
      sessionUri = next.uri;
      offset = 0;
      continue;
    }
    // 308 for a complete file means the server lost the final answer: probe again.
    if (outcome.offset >= totalBytes) {
      completeWithoutAnswer += 1;
      if (completeWithoutAnswer > runtime.retry.maxAttempts)
        throw transientError(
          service,
          'the server holds every byte but does not confirm the upload',
        );
      needProbe = true;
      continue;
    }
    offset = outcome.offset;
    options.onProgress?.(offset);
    // The server does not hold the final chunk: it did not create anything yet.
    finalAt = undefined;
    await options.saveState({ sessionUri, offset });
  }
}
