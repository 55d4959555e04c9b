import { z } from 'zod';
import { transientError } from '../error-classification';
import { apiCall, parseAnswer } from '../http/api-call';
import type { AdapterRuntime, TokenSession } from '../upload-runtime';
import { metaFailure } from './meta-errors';

/**
 * Meta's rupload protocol (Instagram `/ig-api-upload`, Facebook `/video-upload`): the binary
 * body goes in one or more POSTs, each saying where it starts (`offset`) and the whole size
 * (`file_size`), authorized with `Authorization: OAuth TOKEN`. After a failure the upload goes
 * on from the last offset the server confirmed, which the caller has persisted.
 */
export interface RuploadOptions {
  service: 'instagram' | 'facebook';
  runtime: AdapterRuntime;
  tokens: TokenSession;
  signal?: AbortSignal;
  url: string;
  filePath: string;
  totalBytes: number;
  /** Bytes per POST; the whole remainder when undefined. */
  chunkBytes?: number;
  offset: number;
  saveOffset(offset: number): Promise<void>;
  onProgress?(sentBytes: number): void;
}

const answerSchema = z.object({
  success: z.boolean().optional(),
  debug_info: z.unknown().optional(),
});

export async function rupload(options: RuploadOptions): Promise<void> {
  let offset = options.offset;
  while (offset < options.totalBytes) {
    const start = offset;
    const end = Math.min(options.totalBytes, start + (options.chunkBytes ?? options.totalBytes));
    const response = await apiCall({
      service: options.service,
      runtime: options.runtime,
      tokens: options.tokens,
      signal: options.signal,
      request: (token) => ({
        method: 'POST',
        url: options.url,
        headers: {
          authorization: `OAuth ${token}`,
          offset: String(start),
          file_size: String(options.totalBytes),
          'content-type': 'application/octet-stream',
        },
        body: [{ path: options.filePath, start, end }],
        onBytesSent: (() => {
          let sent = start;
          return (bytes: number) => {
            sent += bytes;
            options.onProgress?.(sent);
          };
        })(),
      }),
      failure: (answer) => metaFailure(options.service, answer, options.runtime.now()),
    });
    const answer = parseAnswer(options.service, answerSchema, response, 'the upload');
    if (answer.success === false)
      throw transientError(options.service, 'the upload server did not accept the bytes');
    offset = end;
    await options.saveOffset(offset);
  }
}
