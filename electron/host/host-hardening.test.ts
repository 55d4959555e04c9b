import { existsSync, mkdtempSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHeadless, type HeadlessApp } from './start-headless';

/**
 * Bad input against a real host: malformed cookies, channel names and encodings, huge headers,
 * clients that stall or hold connections. Every answer is a 4xx (never a 5xx), nothing buffers
 * without end, and a valid client keeps working throughout.
 */
let app: HeadlessApp;
let root: string;
let token: string;
let cookieName: string;

const limits = {
  maxConnections: 24,
  maxEventClients: 3,
  eventBufferBytes: 64 * 1024,
  headersTimeoutMs: 1_500,
  unauthenticatedIdleMs: 400,
  requestIdleMs: 250,
  uploadIdleMs: 4_000,
  keepAliveMs: 400,
};

interface Answer {
  status: number;
  head: string;
  body: string;
}

/** What came back on a raw connection: the status, the head, and the body (de-chunked). */
function answerOf(received: Buffer): Answer {
  const text = received.toString('utf8');
  const split = text.indexOf('\r\n\r\n');
  const head = split === -1 ? text : text.slice(0, split);
  let body = split === -1 ? '' : text.slice(split + 4);
  if (/^transfer-encoding: chunked$/im.test(head)) {
    let plain = '';
    for (let rest = body; ;) {
      const line = rest.indexOf('\r\n');
      const size = parseInt(rest.slice(0, line), 16);
      if (!(size > 0)) break;
      plain += rest.slice(line + 2, line + 2 + size);
      rest = rest.slice(line + 2 + size + 2);
    }
    body = plain;
  }
  return { status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), head, body };
}

/**
 * Sends raw bytes on a fresh connection and reads until the server ends it (the client never
 * closes its side: a request asks for `connection: close`, garbage is answered and closed).
 */
function rawExchange(bytes: string | Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const socket = connect(app.host.port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(answerOf(Buffer.concat(chunks))));
    socket.write(bytes);
  });
}

function request(
  target: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  const headers = {
    host: `127.0.0.1:${app.host.port}`,
    connection: 'close',
    ...(options.body !== undefined
      ? { 'content-length': String(Buffer.byteLength(options.body)) }
      : {}),
    ...options.headers,
  };
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  return rawExchange(
    `${options.method ?? 'GET'} ${target} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n${options.body ?? ''}`,
  );
}

const session = () => ({ authorization: `Bearer ${token}` });

/** The valid client: a real call with this run's token, which must always work. */
async function validClientWorks(): Promise<void> {
  const answer = await request('/api/invoke/settings:get', {
    method: 'POST',
    headers: { ...session(), 'content-type': 'application/json' },
    body: '{}',
  });
  expect(answer.status).toBe(200);
  expect(JSON.parse(answer.body)).toMatchObject({ ok: true });
}

function expectRefusal(answer: Answer, what: string): void {
  expect(answer.status, `${what}: ${answer.head}`).toBeGreaterThanOrEqual(400);
  expect(answer.status, `${what}: ${answer.head}`).toBeLessThan(500);
}

/** Resolves when the server closes the socket (the test never closes it itself). */
function closedByServer(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    if (socket.destroyed) resolve();
    socket.on('close', () => resolve());
  });
}

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'rp-hardening-'));
  const staticDir = path.join(root, 'static');
  mkdirSync(staticDir);
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>ReelPilot</title>');
  app = await startHeadless({ dataDir: path.join(root, 'data'), staticDir, limits });
  token = new URL(app.host.url).searchParams.get('token') ?? '';
  cookieName = `reelpilot_token_${app.host.port}`;
});

afterAll(async () => {
  await app.stop();
  rmSync(root, { recursive: true, force: true });
});

describe('the host under bad input', () => {
  it('malformed cookies answer 401 and never block a valid token beside them', async () => {
    const bad = `${cookieName}=%E0%A4%A`;
    const good = `${cookieName}=${encodeURIComponent(token)}`;
    expectRefusal(
      await request('/api/invoke/settings:get', {
        method: 'POST',
        headers: { cookie: bad },
        body: '{}',
      }),
      'bad cookie',
    );
    for (const cookie of [
      `${bad}; ${good}`,
      `${good}; ${bad}`,
      `other=%ZZ; ${good}`,
      `${cookieName}=; ${good}`,
    ]) {
      const answer = await request('/api/invoke/settings:get', {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(answer.status, cookie).toBe(200);
    }
    await validClientWorks();
  });

  it('malformed channel names and encodings answer 4xx', async () => {
    const cases: Array<[string, string, string?]> = [
      ['POST', '/api/invoke/%E0%A4%A'],
      ['POST', '/api/invoke/%'],
      ['POST', '/api/invoke/settings%3Aget%00'],
      ['POST', '/api/invoke/'],
      ['POST', '/api/invoke/..%2F..%2Fsettings:get'],
      ['GET', '/api/invoke/settings:get'],
      ['POST', '/api/invoke/settings:get', '{"not json'],
      ['POST', '/api/invoke/settings:get', '\u00ff\u00fe garbage'],
      ['POST', '/api/invoke/settings:update', '{"theme":"plaid"}'],
      ['GET', '/media/%E0%A4%A'],
      ['GET', '/media/%E0%A4%A/thumbnail'],
      ['GET', '/api/nothing-here'],
      ['GET', '//'],
      ['GET', '/%zz'],
      ['DELETE', '/'],
      ['POST', '/api/media/upload'],
      ['POST', `/api/media/upload?name=a.mp4&tag=${encodeURIComponent('a,b')}`],
    ];
    for (const [method, target, body] of cases) {
      const answer = await request(target, { method, headers: session(), body: body ?? '' });
      const envelope = answer.body.startsWith('{')
        ? (JSON.parse(answer.body) as { ok?: boolean })
        : null;
      // A call the contract refuses is answered in its envelope; anything else with a 4xx.
      if (answer.status === 200) expect(envelope?.ok, `${method} ${target}`).toBe(false);
      else expectRefusal(answer, `${method} ${target}`);
    }
    expect(
      JSON.parse(
        (
          await request('/api/invoke/settings%3Aget', {
            method: 'POST',
            headers: session(),
            body: '{}',
          })
        ).body,
      ),
    ).toMatchObject({ ok: true });
    await validClientWorks();
  });

  it('requests Node cannot parse, and huge headers, answer 4xx', async () => {
    const host = `host: 127.0.0.1:${app.host.port}\r\n`;
    const cases: Array<[string, string | Buffer]> = [
      ['huge header', `GET / HTTP/1.1\r\n${host}x-big: ${'a'.repeat(64 * 1024)}\r\n\r\n`],
      [
        'huge cookie',
        `GET / HTTP/1.1\r\n${host}cookie: ${cookieName}=${'%'.repeat(40_000)}\r\n\r\n`,
      ],
      ['bad request line', `GARBAGE\r\n\r\n`],
      [
        'bad chunked body',
        `POST /api/invoke/settings:get HTTP/1.1\r\n${host}authorization: Bearer ${token}\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n`,
      ],
      [
        'two lengths',
        `POST /api/invoke/settings:get HTTP/1.1\r\n${host}content-length: 2\r\ncontent-length: 5\r\n\r\n{}`,
      ],
      ['binary', Buffer.from([0, 1, 2, 3, 255, 254, 13, 10, 13, 10])],
    ];
    for (const [what, bytes] of cases) expectRefusal(await rawExchange(bytes), what);
    await validClientWorks();
  });

  it('closes connections that stall, that never sent a token, and past the cap', async () => {
    // Connected and silent: closed after the unauthenticated idle limit, without an answer.
    const silent = connect(app.host.port, '127.0.0.1');
    await closedByServer(silent);

    // Headers dripped byte by byte: 408 once the headers took too long.
    const dripping = connect(app.host.port, '127.0.0.1');
    const heard: Buffer[] = [];
    dripping.on('data', (chunk) => heard.push(chunk));
    const text = `GET / HTTP/1.1\r\nhost: 127.0.0.1:${app.host.port}\r\nx-slow: ${'s'.repeat(200)}`;
    let at = 0;
    const drip = setInterval(() => {
      if (at < text.length && !dripping.destroyed) dripping.write(text[at++] as string);
    }, 100);
    await closedByServer(dripping);
    clearInterval(drip);
    const answer = Buffer.concat(heard).toString();
    if (answer) expect(answer).toMatch(/^HTTP\/1\.1 4\d\d /);

    // More connections than the cap: the extra ones are closed at once, the rest when idle.
    const held = Array.from({ length: limits.maxConnections + 6 }, () =>
      connect(app.host.port, '127.0.0.1').on('error', () => {}),
    );
    await Promise.all(held.map(closedByServer));
    await validClientWorks();
  });

  it('event streams: capped, and a reader that does not read is disconnected, not buffered for', async () => {
    const openStream = () =>
      new Promise<{ socket: Socket; head: string }>((resolve) => {
        const socket = connect(app.host.port, '127.0.0.1');
        socket.once('data', (chunk) => resolve({ socket, head: chunk.toString() }));
        socket.write(
          `GET /api/events HTTP/1.1\r\nhost: 127.0.0.1:${app.host.port}\r\nauthorization: Bearer ${token}\r\n\r\n`,
        );
      });
    const streams = [];
    for (let i = 0; i < limits.maxEventClients; i += 1) streams.push(await openStream());
    expect(streams.every((stream) => stream.head.startsWith('HTTP/1.1 200'))).toBe(true);
    const refused = await openStream();
    expect(refused.head).toMatch(/^HTTP\/1\.1 429/);
    refused.socket.destroy();

    // The first stream stops reading; the others keep reading.
    const [stalled] = streams;
    stalled?.socket.pause();
    for (const stream of streams.slice(1)) stream.socket.on('data', () => {});
    // Each event well under the bound: only a stream that does not read falls behind by it.
    const big = { level: 'info' as const, title: 'x', body: 'y'.repeat(8 * 1024) };
    for (let i = 0; i < 5_000 && app.events.dropped === 0; i += 1) {
      app.events.emit('app:notice', big);
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(app.events.dropped).toBe(1);
    // What the kernel had already taken is still there to read; then the stream ends.
    stalled?.socket.resume();
    await closedByServer(stalled?.socket as Socket);
    expect(app.events.size).toBe(limits.maxEventClients - 1);
    for (const stream of streams) stream.socket.destroy();
    await validClientWorks();
  });

  it('an upload has no overall time limit, only an idle one, and a stalled upload leaves nothing', async () => {
    const tempDir = path.join(app.dataDir, 'tmp');
    const upload = (gapMs: number, chunks: number, stallAfter: number | null) =>
      new Promise<Answer>((resolve, reject) => {
        const socket = connect(app.host.port, '127.0.0.1');
        const heard: Buffer[] = [];
        socket.on('data', (chunk) => heard.push(chunk));
        socket.on('error', reject);
        socket.on('close', () => resolve(answerOf(Buffer.concat(heard))));
        const chunk = Buffer.alloc(16 * 1024, 7);
        socket.write(
          `POST /api/media/upload?name=slow.bin HTTP/1.1\r\nhost: 127.0.0.1:${app.host.port}\r\nauthorization: Bearer ${token}\r\ncontent-length: ${chunk.length * chunks}\r\nconnection: close\r\n\r\n`,
        );
        let sent = 0;
        const next = () => {
          if (stallAfter !== null && sent === stallAfter) return;
          socket.write(chunk);
          sent += 1;
          if (sent < chunks) setTimeout(next, gapMs);
        };
        next();
      });

    // Each pause is longer than a plain request may idle, far shorter than an upload may.
    const slow = await upload(1_000, 4, null);
    expect(slow.status).toBe(200);
    expect(JSON.parse(slow.body)).toMatchObject({ ok: true });

    const stalled = await upload(10, 8, 2);
    expect(stalled.status).toBe(0);
    await expect
      .poll(() => (existsSync(tempDir) ? readdirSync(tempDir) : []), { timeout: 10_000 })
      .toEqual([]);
    await validClientWorks();
  }, 60_000);
});
