import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedApiToken } from '../../shared/domain/api-tokens';
import { startHeadless, type HeadlessApp } from './start-headless';

let app: HeadlessApp;
let root: string;
let base: string;
let runToken: string;

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'rp-api-'));
  const staticDir = path.join(root, 'static');
  mkdirSync(staticDir, { recursive: true });
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>ReelPilot</title>');
  app = await startHeadless({ dataDir: path.join(root, 'data'), staticDir });
  base = `http://127.0.0.1:${app.host.port}`;
  runToken = new URL(app.host.url).searchParams.get('token') ?? '';
});

afterAll(async () => {
  await app.stop();
  rmSync(root, { recursive: true, force: true });
});

function call(channel: string, token: string, body: unknown = {}) {
  return fetch(`${base}/api/invoke/${channel}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('the API for scripts', () => {
  it('accepts a long-lived API token, which cannot manage tokens, until it is revoked', async () => {
    const created = (await (await call('apiTokens:create', runToken, { name: 'CRM' })).json()) as {
      value: CreatedApiToken;
    };
    const token = created.value.token;

    const settings = await call('settings:get', token);
    expect(settings.status).toBe(200);
    expect(await settings.json()).toMatchObject({ ok: true, value: { theme: 'system' } });
    const paused = await call('automation:pause', token);
    expect(await paused.json()).toMatchObject({ ok: true, value: { paused: true } });
    await call('automation:resume', token);

    for (const channel of ['apiTokens:list', 'apiTokens:create', 'apiTokens:revoke']) {
      const refused = await call(channel, token, { name: 'x', id: created.value.info.id });
      expect(refused.status, channel).toBe(403);
      expect(await refused.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }

    const events = await fetch(`${base}/api/events`, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(2_000),
    });
    expect(events.headers.get('content-type')).toContain('text/event-stream');
    await events.body?.cancel();

    await call('apiTokens:revoke', runToken, { id: created.value.info.id });
    const revoked = await call('settings:get', token);
    expect(revoked.status).toBe(401);
    expect(((await revoked.json()) as { error: { message: string } }).error.message).toContain(
      'not valid',
    );
  });

  it('serves its OpenAPI document to authenticated callers only', async () => {
    expect((await fetch(`${base}/api/openapi.json`)).status).toBe(401);
    const response = await fetch(`${base}/api/openapi.json`, {
      headers: { authorization: `Bearer ${runToken}` },
    });
    expect(response.status).toBe(200);
    const document = (await response.json()) as { openapi: string; paths: object };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toContain('/api/invoke/automation:pause');
  });
});
