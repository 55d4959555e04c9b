import type { ServerResponse } from 'node:http';
import type { EventName, EventPayload } from '../../shared/contract';
import type { EventSink } from '../core/ports';

export interface EventBroadcasterOptions {
  heartbeatMs?: number;
  /** Streams at most; `attach` refuses more. Default 32. */
  maxClients?: number;
  /** A stream with more than this many bytes waiting to be sent is closed. Default 1 MiB. */
  bufferBytes?: number;
}

/**
 * Fans engine events out to every browser attached through server-sent events. A browser that
 * does not read (a stalled tab, a frozen machine at the other end of a tunnel) is not buffered
 * for without end: past `bufferBytes` queued its stream is closed, and the browser reconnects
 * and reads what it shows again.
 */
export class EventBroadcaster implements EventSink {
  private readonly clients = new Set<ServerResponse>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly maxClients: number;
  private readonly bufferBytes: number;
  /** Streams closed for being too slow, since the start. */
  dropped = 0;

  constructor(options: EventBroadcasterOptions = {}) {
    this.maxClients = options.maxClients ?? 32;
    this.bufferBytes = options.bufferBytes ?? 1024 * 1024;
    // A comment line keeps proxies and idle browsers from dropping a quiet stream.
    this.heartbeat = setInterval(
      () => this.write(': keep-alive\n\n'),
      options.heartbeatMs ?? 25_000,
    );
    this.heartbeat.unref();
  }

  /** Starts a stream; false (nothing written) when there are already `maxClients`. */
  attach(response: ServerResponse): boolean {
    if (this.clients.size >= this.maxClients) return false;
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-content-type-options': 'nosniff',
    });
    response.write('retry: 2000\n\n');
    this.clients.add(response);
    response.on('close', () => this.clients.delete(response));
    return true;
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    this.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
  }

  get size(): number {
    return this.clients.size;
  }

  close(): void {
    clearInterval(this.heartbeat);
    for (const client of this.clients) client.end();
    this.clients.clear();
  }

  private write(chunk: string): void {
    const bytes = Buffer.byteLength(chunk);
    for (const client of this.clients) {
      if (client.writableLength + bytes > this.bufferBytes) {
        this.clients.delete(client);
        this.dropped += 1;
        client.destroy();
        continue;
      }
      client.write(chunk);
    }
  }
}
