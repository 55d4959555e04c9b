import { createWriteStream, existsSync, statSync, truncateSync } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { classifyNetworkFailure, transientError } from '../error-classification';
import { googleFailure } from '../google/google-errors';
import type { HttpResponse } from '../http/http-request';
import { withRetry, type AdapterRuntime, type TokenSession } from '../upload-runtime';

export interface DownloadRequest {
  url: string;
  targetPath: string;
  /** What the file should measure; a download that ends short or long is refused. */
  sizeBytes: number;
  onProgress?(receivedBytes: number, totalBytes: number): void;
}

interface DownloadDeps {
  runtime: AdapterRuntime;
  tokens: TokenSession;
  signal?: AbortSignal | undefined;
  onRequest?: (() => void) | undefined;
}

function asHttpResponse(response: Response, text: string): HttpResponse {
  return {
    status: response.status,
    headers: { get: (name) => response.headers.get(name) ?? undefined },
    text,
    json: () => (text ? (JSON.parse(text) as unknown) : null),
  };
}

/**
 * A GET of a file's bytes into `targetPath`, streamed (never held in memory). A connection that
 * breaks mid-body is a transient failure: the next try asks with `Range: bytes=N-` for what is
 * missing, keeping what arrived. A server that ignores the Range starts the file again.
 */
export async function downloadWithResume(
  request: DownloadRequest,
  deps: DownloadDeps,
): Promise<void> {
  const { runtime, tokens, signal } = deps;
  const total = request.sizeBytes;
  const onDisk = () => (existsSync(request.targetPath) ? statSync(request.targetPath).size : 0);

  await withRetry(runtime, signal, () =>
    tokens.call(async (token) => {
      let offset = onDisk();
      if (offset > total) {
        truncateSync(request.targetPath, 0);
        offset = 0;
      }
      if (offset === total && total > 0) return;
      deps.onRequest?.();
      let response: Response;
      try {
        response = await fetch(request.url, {
          headers: {
            authorization: `Bearer ${token}`,
            ...(offset > 0 ? { range: `bytes=${offset}-` } : {}),
          },
          signal: signal ?? null,
        });
      } catch (error) {
        throw classifyNetworkFailure('drive', error);
      }
      if (response.status !== 200 && response.status !== 206) {
        const text = await response.text().catch(() => '');
        throw googleFailure('drive', asHttpResponse(response, text), runtime.now());
      }
      const start = response.status === 206 ? offset : 0;
      let received = start;
      const counter = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          received += chunk.length;
          request.onProgress?.(received, total);
          done(null, chunk);
        },
      });
      try {
        await pipeline(
          response.body
            ? Readable.fromWeb(response.body as unknown as WebReadableStream<Uint8Array>)
            : Readable.from([]),
          counter,
          createWriteStream(request.targetPath, { flags: start > 0 ? 'r+' : 'w', start }),
          signal ? { signal } : {},
        );
      } catch (error) {
        throw classifyNetworkFailure('drive', error);
      }
      if (received !== total)
        throw transientError('drive', `the download ended after ${received} of ${total} bytes`);
    }),
  );
}
