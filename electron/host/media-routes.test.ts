import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../core/logging/file-logger';
import { makeMedia } from '../core/media/testing/make-media';
import { createTestEngine, type TestEngine } from '../core/testing/test-engine';
import { EventBroadcaster } from './event-broadcaster';
import { startHostServer, type RunningHost } from './host-server';
import { mediaHostRoutes } from './media-routes';

const token = 'test-token-for-media-routes';
let t: TestEngine;
let host: RunningHost;
let src: string;

beforeEach(async () => {
  src = mkdtempSync(path.join(os.tmpdir(), 'reelpilot-routes-'));
  t = await createTestEngine({ options: { media: { uploadLimitBytes: 64 * 1024 } } });
  host = await startHostServer({
    invoke: (channel, payload, context) => t.engine.invoke(channel, payload, context),
    events: new EventBroadcaster(),
    staticDir: src,
    token,
    logger: silentLogger,
    routes: mediaHostRoutes(() => t.engine.services.media, t.ports.paths),
  });
});
afterEach(async () => {
  await host.close();
  await t.dispose();
  rmSync(src, { recursive: true, force: true });
});

const auth = { authorization: `Bearer ${token}` };

function upload(name: string, body: Buffer, headers: Record<string, string> = auth) {
  return fetch(`http://127.0.0.1:${host.port}/api/media/upload?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers,
    body,
  });
}

describe('media host routes', () => {
  it('uploads into the library folder and serves the file with ranges behind the token', async () => {
    const file = makeMedia.image(src, 'sunset.png', 'orange');
    const bytes = readFileSync(file);
    const response = await upload('sunset.png', bytes);
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      ok: boolean;
      value: { imported: Array<{ id: string; path: string; origin: string }> };
    };
    const item = body.value.imported[0];
    expect(item?.origin).toBe('uploaded');
    expect(item?.path.startsWith(t.ports.paths.mediaDir)).toBe(true);

    const base = `http://127.0.0.1:${host.port}/media/${item?.id}`;
    const refused = await fetch(base);
    expect(refused.status).toBe(401);
    const whole = await fetch(base, { headers: auth });
    expect(whole.status).toBe(200);
    expect(Buffer.from(await whole.arrayBuffer()).equals(bytes)).toBe(true);
    const part = await fetch(base, { headers: { ...auth, range: 'bytes=1-3' } });
    expect(part.status).toBe(206);
    expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(1, 4))).toBe(true);

    // The same picture again is linked to the first, and its extra copy removed.
    const again = await upload('sunset again.png', bytes);
    expect(await again.json()).toMatchObject({
      ok: true,
      value: { imported: [], duplicates: [{ existingId: item?.id }] },
    });
    expect(readdirSync(path.join(t.ports.paths.mediaDir, 'uploads'))).toEqual(['sunset.png']);
  });

  it('reports corrupt and empty uploads, refuses oversized ones, and keeps nothing of them', async () => {
    const corrupt = await upload('broken.mp4', Buffer.from('definitely not a video'.repeat(10)));
    expect(await corrupt.json()).toMatchObject({
      ok: true,
      value: { failed: [{ reason: 'corrupt', path: 'broken.mp4' }] },
    });
    const empty = await upload('nothing.png', Buffer.alloc(0));
    expect(await empty.json()).toMatchObject({
      ok: true,
      value: { failed: [{ reason: 'empty' }] },
    });
    const big = await upload('huge.mp4', Buffer.alloc(100 * 1024, 1));
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', message: expect.stringMatching(/larger than the upload limit/) },
    });
    expect(readdirSync(path.join(t.ports.paths.mediaDir, 'uploads'))).toEqual([]);
    expect(readdirSync(t.ports.paths.tempDir)).toEqual([]);
  });

  it('refuses uploads without the token, traversal in ids and names, and foreign paths', async () => {
    const refused = await upload('x.png', Buffer.from('x'), {});
    expect(refused.status).toBe(401);

    writeFileSync(path.join(src, 'secret.txt'), 'private');
    for (const address of [
      '/media/..%2F..%2Fetc%2Fpasswd',
      `/media/${encodeURIComponent(path.join(src, 'secret.txt'))}`,
      '/media/%2e%2e/thumbnail',
      '/media/no-such-id',
    ]) {
      const response = await fetch(`http://127.0.0.1:${host.port}${address}`, { headers: auth });
      expect(response.status, address).toBeGreaterThanOrEqual(400);
      expect(await response.text()).not.toContain('private');
    }

    const file = makeMedia.image(src, 'ok.png', 'white');
    const sneaky = await upload('../../../escape.png', readFileSync(file));
    const report = (await sneaky.json()) as { value: { imported: Array<{ path: string }> } };
    expect(report.value.imported[0]?.path).toBe(
      path.join(t.ports.paths.mediaDir, 'uploads', 'escape.png'),
    );
  });

  it('serves a config preview behind the token, by id only', async () => {
    const file = makeMedia.image(src, 'sunset.png', 'orange', '320x240');
    const { imported } = await t.engine.services.media.importFiles([file]);
    const config = {
      ...(await t.engine.services.configs.defaults()),
      name: 'Preview me',
      content: {
        ...(await t.engine.services.configs.defaults()).content,
        sources: { tags: [], folders: [], itemIds: [imported[0]?.id ?? ''] },
        clipCount: 1,
        lengthSeconds: 3,
      },
    };
    const result = await t.engine.invoke('configs:preview', {
      requestId: 'route',
      config,
      seconds: 1,
    });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    const { previewId } = result.value as { previewId: string };
    const base = `http://127.0.0.1:${host.port}/media/preview/${previewId}`;
    expect((await fetch(base)).status).toBe(401);
    const part = await fetch(base, { headers: { ...auth, range: 'bytes=0-15' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-type')).toBe('video/mp4');
    // An MP4 starts with its ftyp box.
    expect(
      Buffer.from(await part.arrayBuffer())
        .subarray(4, 8)
        .toString(),
    ).toBe('ftyp');
    const unknown = await fetch(`http://127.0.0.1:${host.port}/media/preview/nope`, {
      headers: auth,
    });
    expect(unknown.status).toBe(404);
  });
});
