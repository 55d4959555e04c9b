import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/**
 * What the host puts up with. A stalled browser, a script holding sockets open or a local page
 * spraying requests must never make the host buffer without end, hold connections forever, or
 * lock the person out.
 */
export interface HostLimits {
  /** Open connections at most; more are closed at once. */
  maxConnections: number;
  /** Event streams (browser tabs) at most; more are refused with 429. */
  maxEventClients: number;
  /** Events queued for one stream past this many bytes: the stream is closed (it reconnects). */
  eventBufferBytes: number;
  /** The request line and headers must arrive within this long (then 408). */
  headersTimeoutMs: number;
  /** A connection that has not been let in yet (no token) is closed after this long idle. */
  unauthenticatedIdleMs: number;
  /** A request let in, with nothing sent for this long, is closed. */
  requestIdleMs: number;
  /** An upload with nothing sent for this long is closed; an upload has no overall limit. */
  uploadIdleMs: number;
  /** An idle kept-alive connection is closed after this long. */
  keepAliveMs: number;
}

export const defaultHostLimits: HostLimits = {
  maxConnections: 256,
  maxEventClients: 32,
  eventBufferBytes: 1024 * 1024,
  headersTimeoutMs: 10_000,
  unauthenticatedIdleMs: 5_000,
  requestIdleMs: 30_000,
  uploadIdleMs: 120_000,
  keepAliveMs: 5_000,
};

/** The options `createServer` takes for these limits (no overall request timeout). */
export function serverOptionsFor(limits: HostLimits) {
  return {
    // Uploads of gigabytes over a slow tunnel take as long as they take; idleness is what counts.
    requestTimeout: 0,
    headersTimeout: limits.headersTimeoutMs,
    keepAliveTimeout: limits.keepAliveMs,
    // How often Node looks for requests past headersTimeout.
    connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs),
  };
}

/**
 * Connection-level limits: a cap on connections, an idle limit on connections nobody has let
 * in, and answers in words (4xx, never 5xx) to requests Node cannot parse.
 */
export function applyConnectionLimits(server: Server, limits: HostLimits): void {
  server.maxConnections = limits.maxConnections;
  server.on('connection', (socket: Socket) => {
    socket.setTimeout(limits.unauthenticatedIdleMs);
    socket.on('timeout', () => socket.destroy());
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    // As Node's own handler: answer unless an answer has begun (then only close).
    const answering = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })
      ._httpMessage;
    if (!socket.writable || answering?.headersSent) {
      socket.destroy();
      return;
    }
    const status =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? '431 Request Header Fields Too Large'
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? '408 Request Timeout'
          : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
  });
}

/** How long a request let in may stay idle: by what it is. */
export function letIn(socket: Socket, kind: 'events' | 'upload' | 'request', limits: HostLimits) {
  socket.setTimeout(
    kind === 'events' ? 0 : kind === 'upload' ? limits.uploadIdleMs : limits.requestIdleMs,
  );
}
