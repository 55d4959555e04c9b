import { createReadStream } from 'node:fs';
import { Agent as HttpAgent, request as httpRequestRaw, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequestRaw } from 'node:https';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { classifyNetworkFailure } from '../error-classification';
import type { ServiceId } from '../platform-endpoints';

/**
 * The uploaders' HTTP client, on node:http rather than fetch: a chunk is streamed from disk
 * with an exact Content-Length, bytes are counted as they leave, and a reset mid-body surfaces
 * as a socket error we classify — nothing is ever buffered beyond the stream's high-water mark.
 */

/** Bytes `start` (inclusive) to `end` (exclusive) of a file on disk. */
export interface FileSlice {
  path: string;
  start: number;
  end: number;
}

export type BodyPart = Buffer | FileSlice;

export interface HttpResponse {
  status: number;
  headers: { get(name: string): string | undefined };
  text: string;
  json(): unknown;
}

/**
 * Every call has three deadlines (adapter settings; tests shrink them). A timeout is transient:
 * before an irreversible call the step resumes from the saved state; during one it is `unknown`
 * (the irreversible-call wrapper says so), except a connect timeout, which sent nothing.
 */
export interface HttpTimeouts {
  /** From the start until the connection is made. */
  connectMs: number;
  /** No byte sent or received for this long (a server that accepted and never answers). */
  idleMs: number;
  /** The whole call, body and answer included. */
  totalMs: number;
}

export const defaultHttpTimeouts: HttpTimeouts = {
  connectMs: 30_000,
  idleMs: 120_000,
  totalMs: 30 * 60_000,
};

/** A deadline ran out; `phase` says which. */
export class HttpTimeoutError extends Error {
  readonly code = 'ETIMEDOUT';
  constructor(
    readonly phase: 'connect' | 'idle' | 'total',
    ms: number,
  ) {
    super(
      phase === 'connect'
        ? `no connection within ${ms / 1000} s`
        : phase === 'idle'
          ? `no answer for ${ms / 1000} s`
          : `the call took longer than ${ms / 1000} s`,
    );
    this.name = 'HttpTimeoutError';
  }
}

export interface HttpRequestOptions {
  service: ServiceId;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: string | Buffer | BodyPart[];
  signal?: AbortSignal;
  timeouts: HttpTimeouts;
  /** Called with the number of body bytes just written to the socket. */
  onBytesSent?(bytes: number): void;
}

const httpAgent = new HttpAgent({ keepAlive: true });
const httpsAgent = new HttpsAgent({ keepAlive: true });
const readChunk = 1024 * 1024;

function partLength(part: BodyPart): number {
  return Buffer.isBuffer(part) ? part.length : part.end - part.start;
}

async function* bodyStream(parts: BodyPart[], onBytes?: (n: number) => void) {
  for (const part of parts) {
    if (Buffer.isBuffer(part)) {
      if (part.length > 0) yield part;
      onBytes?.(part.length);
      continue;
    }
    if (part.end <= part.start) continue;
    const stream = createReadStream(part.path, {
      start: part.start,
      end: part.end - 1,
      highWaterMark: readChunk,
    });
    for await (const chunk of stream) {
      yield chunk as Buffer;
      onBytes?.((chunk as Buffer).length);
    }
  }
}

export function httpRequest(options: HttpRequestOptions): Promise<HttpResponse> {
  const url = new URL(options.url);
  const parts: BodyPart[] =
    options.body === undefined
      ? []
      : typeof options.body === 'string'
        ? [Buffer.from(options.body, 'utf8')]
        : Buffer.isBuffer(options.body)
          ? [options.body]
          : options.body;
  const length = parts.reduce((sum, part) => sum + partLength(part), 0);
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined || options.method === 'PUT' || options.method === 'POST')
    headers['content-length'] = String(length);
  const https = url.protocol === 'https:';

  return new Promise<HttpResponse>((resolve, reject) => {
    const { timeouts } = options;
    let settled = false;
    let connected = false;
    const timers: NodeJS.Timeout[] = [];
    const done = () => {
      settled = true;
      for (const timer of timers) clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
    };
    const fail = (error: unknown) => {
      if (settled) return;
      done();
      reject(classifyNetworkFailure(options.service, error, connected));
    };
    const request = (https ? httpsRequestRaw : httpRequestRaw)(url, {
      method: options.method,
      headers,
      agent: https ? httpsAgent : httpAgent,
    });
    const onAbort = () => {
      const reason: unknown = options.signal?.reason;
      const error =
        reason instanceof Error ? reason : new DOMException('The upload was stopped', 'AbortError');
      request.destroy(error);
      if (settled) return;
      done();
      reject(error);
    };
    const expire = (phase: HttpTimeoutError['phase'], ms: number) =>
      setTimeout(() => {
        const error = new HttpTimeoutError(phase, ms);
        request.destroy(error);
        fail(error);
      }, ms);
    timers.push(expire('total', timeouts.totalMs));
    const connectTimer = expire('connect', timeouts.connectMs);
    timers.push(connectTimer);
    const onConnected = () => {
      connected = true;
      clearTimeout(connectTimer);
    };
    request.on('socket', (socket) => {
      if (socket.connecting) socket.once('connect', onConnected);
      else onConnected();
    });
    // Socket inactivity in either direction: a body still streaming out keeps it alive.
    request.setTimeout(timeouts.idleMs, () => {
      const error = new HttpTimeoutError('idle', timeouts.idleMs);
      request.destroy(error);
      fail(error);
    });
    request.on('error', fail);
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    request.on('response', (response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', fail);
      response.on('end', () => {
        if (settled) return;
        done();
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({
          status: response.statusCode ?? 0,
          headers: {
            get: (name) => {
              const value = response.headers[name.toLowerCase()];
              return Array.isArray(value) ? value.join(', ') : value;
            },
          },
          text,
          json: () => (text ? (JSON.parse(text) as unknown) : null),
        });
      });
    });
    if (parts.length === 0) {
      request.end();
      return;
    }
    // A server may answer (and close) before the whole body is sent; the answer still counts.
    const [only] = parts;
    if (
      parts.length === 1 &&
      only !== undefined &&
      !Buffer.isBuffer(only) &&
      only.end > only.start
    ) {
      // The common case, one chunk of a file: piped straight from disk, no generator in between.
      const file = createReadStream(only.path, {
        start: only.start,
        end: only.end - 1,
        highWaterMark: readChunk,
      });
      const onBytes = options.onBytesSent;
      if (onBytes) file.on('data', (chunk) => onBytes(chunk.length));
      pipeline(file, request).catch(fail);
      return;
    }
    pipeline(Readable.from(bodyStream(parts, options.onBytesSent)), request).catch(fail);
  });
}

/** Parses a JSON answer or returns null when it is not JSON (an HTML error page from a proxy). */
export function tryJson(response: HttpResponse): unknown {
  try {
    return response.json();
  } catch {
    return null;
  }
}
