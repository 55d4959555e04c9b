import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { isPlatformError } from '../error-classification';
import { tempVideos } from '../testing/upload-test-kit';
import { httpRequest, type HttpTimeouts } from './http-request';

const timeouts: HttpTimeouts = { connectMs: 2000, idleMs: 2000, totalMs: 10_000 };

let server: Server | null = null;
const files = tempVideos();
afterAll(() => files.cleanup());
afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(null)));
  server = null;
});

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('streaming HTTP client', () => {
  it('streams file slices and buffers with an exact Content-Length', async () => {
    const file = files.make(300 * 1024);
    const base = await serve((request, response) => {
      const hash = createHash('sha256');
      request.on('data', (chunk: Buffer) => hash.update(chunk));
      request.on('end', () =>
        response.end(
          JSON.stringify({ length: request.headers['content-length'], sha: hash.digest('hex') }),
        ),
      );
    });
    const head = randomBytes(10);
    let counted = 0;
    const answer = await httpRequest({
      service: 'x',
      method: 'POST',
      url: base,
      body: [head, { path: file.path, start: 1000, end: 201_000 }],
      onBytesSent: (n) => (counted += n),
      timeouts,
    });
    const expected = createHash('sha256')
      .update(head)
      .update(readFileSync(file.path).subarray(1000, 201_000))
      .digest('hex');
    expect(answer.json()).toEqual({ length: String(10 + 200_000), sha: expected });
    expect(counted).toBe(200_010);
  });

  it('classifies a refused connection as transient, and as proof that nothing was sent', async () => {
    const base = await serve(() => undefined);
    await new Promise((resolve) => server!.close(resolve));
    server = null;
    const error = await httpRequest({
      service: 'youtube',
      method: 'GET',
      url: base,
      timeouts,
    }).catch((e: unknown) => e);
    expect(isPlatformError(error) && [error.kind, error.notSent]).toEqual(['transient', true]);
  });
});

describe('deadlines of the streaming HTTP client', () => {
  it('gives up on a server that accepts the request and never answers', async () => {
    const base = await serve((request) => request.resume());
    const started = Date.now();
    const error = await httpRequest({
      service: 'tiktok',
      method: 'POST',
      url: base,
      body: 'hello',
      timeouts: { ...timeouts, idleMs: 150 },
    }).catch((e: unknown) => e);
    expect(isPlatformError(error) && [error.kind, error.notSent]).toEqual(['transient', false]);
    expect((error as Error).message).toMatch(/no answer for 0.15 s/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('ends a call that trickles past its whole-step deadline', async () => {
    let trickle: NodeJS.Timeout | undefined;
    const base = await serve((_request, response) => {
      response.writeHead(200);
      trickle = setInterval(() => response.write('.'), 20);
    });
    try {
      const error = await httpRequest({
        service: 'instagram',
        method: 'GET',
        url: base,
        timeouts: { ...timeouts, idleMs: 5000, totalMs: 300 },
      }).catch((e: unknown) => e);
      expect(isPlatformError(error) && error.kind).toBe('transient');
      expect((error as Error).message).toMatch(/took longer than 0.3 s/);
    } finally {
      clearInterval(trickle);
    }
  });
});
