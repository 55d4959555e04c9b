import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHeadless, type HeadlessApp } from './start-headless';

let app: HeadlessApp;
let root: string;
let token: string;

/** Raw requests, because fetch will not let a test forge Host or Origin headers. */
function raw(options: {
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}): Promise<{
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: app.host.port,
        path: options.path,
        method: options.method ?? 'GET',
        headers: options.headers,
      },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'rp-host-'));
  const staticDir = path.join(root, 'static');
  mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>ReelPilot test</title>');
  writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(root, 'secret.txt'), 'outside');
  app = await startHeadless({ dataDir: path.join(root, 'data'), staticDir });
  token = new URL(app.host.url).searchParams.get('token') ?? '';
});

afterAll(async () => {
  await app.stop();
  rmSync(root, { recursive: true, force: true });
});

describe('headless host', () => {
  it('listens on loopback only and prints a URL with a long random token', () => {
    expect(app.host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32,}$/);
    expect((app.host.server.address() as { address: string }).address).toBe('127.0.0.1');
  });

  it('refuses the page and the API without the token', async () => {
    expect((await raw({ path: '/', headers: { host: `127.0.0.1:${app.host.port}` } })).status).toBe(
      401,
    );
    const api = await raw({
      path: '/api/invoke/settings:get',
      method: 'POST',
      headers: { host: `127.0.0.1:${app.host.port}` },
      body: '{}',
    });
    expect(api.status).toBe(401);
    expect(JSON.parse(api.body)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const wrong = await raw({
      path: '/api/invoke/settings:get',
      method: 'POST',
      headers: { host: `127.0.0.1:${app.host.port}`, authorization: 'Bearer nope' },
      body: '{}',
    });
    expect(wrong.status).toBe(401);
  });

  it('tells a tab that outlived a restart what happened and where to go', async () => {
    const stale = await raw({
      path: '/',
      headers: {
        host: `127.0.0.1:${app.host.port}`,
        cookie: `reelpilot_token_${app.host.port}=an-earlier-key`,
      },
    });
    expect(stale.status).toBe(401);
    expect(stale.body).toContain('Open ReelPilot from its address');
    expect(stale.body).toContain('ReelPilot was restarted since this page was opened');
    const api = await raw({
      path: '/api/invoke/settings:get',
      method: 'POST',
      headers: {
        host: `127.0.0.1:${app.host.port}`,
        cookie: `reelpilot_token_${app.host.port}=an-earlier-key`,
      },
      body: '{}',
    });
    expect(JSON.parse(api.body)).toMatchObject({
      ok: false,
      error: {
        code: 'FORBIDDEN',
        message: expect.stringContaining(`Open: http://127.0.0.1:${app.host.port}/?token=…`),
      },
    });
  });

  it('trades the token in the address for an HttpOnly cookie and serves the app with a CSP', async () => {
    const first = await raw({
      path: `/?token=${token}`,
      headers: { host: `127.0.0.1:${app.host.port}` },
    });
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    const cookie = String(first.headers['set-cookie']).split(';')[0] ?? '';
    expect(String(first.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/);
    const page = await raw({ path: '/', headers: { host: `127.0.0.1:${app.host.port}`, cookie } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('ReelPilot test');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const deepLink = await raw({
      path: '/settings',
      headers: { host: `localhost:${app.host.port}`, cookie },
    });
    expect(deepLink.body).toContain('ReelPilot test');
  });

  it('refuses foreign origins and rebinding host names even with the token', async () => {
    const auth = { authorization: `Bearer ${token}` };
    const foreign = await raw({
      path: '/api/invoke/settings:get',
      method: 'POST',
      headers: { ...auth, host: `127.0.0.1:${app.host.port}`, origin: 'https://evil.example' },
      body: '{}',
    });
    expect(foreign.status).toBe(403);
    const nullOrigin = await raw({
      path: '/api/invoke/settings:get',
      method: 'POST',
      headers: { ...auth, host: `127.0.0.1:${app.host.port}`, origin: 'null' },
      body: '{}',
    });
    expect(nullOrigin.status).toBe(403);
    const rebound = await raw({
      path: '/api/invoke/settings:get',
      method: 'POST',
      headers: { ...auth, host: `evil.example:${app.host.port}` },
      body: '{}',
    });
    expect(rebound.status).toBe(403);
    const sameOrigin = await raw({
      path: '/api/invoke/settings:get',
      method: 'POST',
      headers: {
        ...auth,
        host: `127.0.0.1:${app.host.port}`,
        origin: `http://127.0.0.1:${app.host.port}`,
      },
      body: '{}',
    });
    expect(sameOrigin.status).toBe(200);
  });

  it('keeps error codes in the envelope and rejects bad bodies', async () => {
    const headers = { authorization: `Bearer ${token}`, host: `127.0.0.1:${app.host.port}` };
    const bad = await raw({
      path: '/api/invoke/settings:update',
      method: 'POST',
      headers,
      body: '{"theme":"neon"}',
    });
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    const notJson = await raw({
      path: '/api/invoke/settings:update',
      method: 'POST',
      headers,
      body: '{',
    });
    expect(notJson.status).toBe(400);
    const huge = await raw({
      path: '/api/invoke/settings:update',
      method: 'POST',
      headers,
      body: 'x'.repeat(1024 * 1024 + 10),
    });
    expect(huge.status).toBe(413);
    const unknown = await raw({
      path: '/api/invoke/nope:nope',
      method: 'POST',
      headers,
      body: '{}',
    });
    expect(JSON.parse(unknown.body)).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' },
    });
  });

  it('never serves files outside the built renderer', async () => {
    const headers = { authorization: `Bearer ${token}`, host: `127.0.0.1:${app.host.port}` };
    for (const attempt of [
      '/../secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/assets/../../secret.txt',
    ]) {
      const response = await raw({ path: attempt, headers });
      expect(response.body).not.toContain('outside');
    }
    expect((await raw({ path: '/assets/app.js', headers })).body).toBe('console.log(1)');
  });

  it('pushes engine events to attached browsers as server-sent events', async () => {
    const controller = new AbortController();
    const response = await fetch(`http://127.0.0.1:${app.host.port}/api/events`, {
      headers: { authorization: `Bearer ${token}` },
      signal: controller.signal,
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    await app.engine.invoke('settings:update', { theme: 'light' });
    let text = '';
    while (!text.includes('settings:changed')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    expect(text).toContain('event: settings:changed');
    expect(text).toContain('"theme":"light"');
    controller.abort();
  });

  it('will not start a second engine on the same data folder', async () => {
    await expect(startHeadless({ dataDir: app.dataDir, staticDir: root })).rejects.toThrow(
      /already running/,
    );
  });
});
