import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MediaItem } from '../../../shared/domain/media';
import { MediaFileAccess, parseMediaProtocolUrl, parseRange } from './media-file-access';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'reelpilot-access-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function item(overrides: Partial<MediaItem>): MediaItem {
  return {
    id: 'abc',
    path: path.join(dir, 'clip.mp4'),
    name: 'clip.mp4',
    kind: 'video',
    size: 10,
    contentHash: 'a'.repeat(64),
    mime: 'video/mp4',
    durationMs: 1000,
    width: 10,
    height: 10,
    rotation: 0,
    videoCodec: 'h264',
    audioCodec: null,
    frameRate: 25,
    tags: [],
    origin: 'linked',
    importedAt: 0,
    modifiedAt: 0,
    missing: false,
    thumbnail: 'ready',
    thumbnailError: null,
    ...overrides,
  };
}

function accessTo(items: MediaItem[], missing: string[] = []) {
  return new MediaFileAccess(
    {
      get: async (id) => items.find((i) => i.id === id) ?? null,
      noticeMissing: (id) => void missing.push(id),
    },
    path.join(dir, 'cache'),
  );
}

describe('media file access', () => {
  it('reads byte ranges the way players send them', () => {
    expect(parseRange(null, 100)).toBeNull();
    expect(parseRange('bytes=0-', 100)).toEqual({ start: 0, end: 99 });
    expect(parseRange('bytes=10-19', 100)).toEqual({ start: 10, end: 19 });
    expect(parseRange('bytes=90-500', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=100-', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=5-2', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=0-1,5-6', 100)).toBeNull();
    expect(parseRange('items=0-1', 100)).toBeNull();
  });

  it('serves a library file whole and in ranges', async () => {
    writeFileSync(path.join(dir, 'clip.mp4'), '0123456789');
    const access = accessTo([item({})]);
    const whole = await access.answer({ variant: 'file', id: 'abc', method: 'GET', range: null });
    expect(whole.status).toBe(200);
    expect(whole.headers['content-length']).toBe('10');
    expect(await text(whole.body!())).toBe('0123456789');
    const part = await access.answer({
      variant: 'file',
      id: 'abc',
      method: 'GET',
      range: 'bytes=2-5',
    });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe('bytes 2-5/10');
    expect(await text(part.body!())).toBe('2345');
    const beyond = await access.answer({
      variant: 'file',
      id: 'abc',
      method: 'GET',
      range: 'bytes=50-',
    });
    expect(beyond).toMatchObject({ status: 416, headers: { 'content-range': 'bytes */10' } });
    const head = await access.answer({ variant: 'file', id: 'abc', method: 'HEAD', range: null });
    expect(head.status).toBe(200);
    expect(head.body).toBeUndefined();
  });

  it('refuses ids that are paths, unknown items, other variants and writes', async () => {
    writeFileSync(path.join(dir, 'clip.mp4'), '0123456789');
    const access = accessTo([item({})]);
    for (const id of ['../../etc/passwd', '/etc/passwd', '..', 'abc/../abc', 'a%2Fb', '']) {
      const answer = await access.answer({ variant: 'file', id, method: 'GET', range: null });
      expect(answer.status, id).toBe(400);
      expect(answer.body).toBeUndefined();
    }
    expect(
      (await access.answer({ variant: 'file', id: 'zzz', method: 'GET', range: null })).status,
    ).toBe(404);
    expect(
      (await access.answer({ variant: 'etc', id: 'abc', method: 'GET', range: null })).status,
    ).toBe(404);
    expect(
      (await access.answer({ variant: 'file', id: 'abc', method: 'PUT', range: null })).status,
    ).toBe(405);
  });

  it('serves config previews by id only, and says when one has expired', async () => {
    writeFileSync(path.join(dir, 'preview.mp4'), 'abcdef');
    const access = new MediaFileAccess(
      {
        get: async () => null,
        noticeMissing: () => undefined,
        previewFile: (id) => (id === 'p1' ? path.join(dir, 'preview.mp4') : null),
      },
      path.join(dir, 'cache'),
    );
    const whole = await access.answer({ variant: 'preview', id: 'p1', method: 'GET', range: null });
    expect(whole).toMatchObject({ status: 200, headers: { 'content-type': 'video/mp4' } });
    expect(await text(whole.body!())).toBe('abcdef');
    const part = await access.answer({
      variant: 'preview',
      id: 'p1',
      method: 'GET',
      range: 'bytes=1-2',
    });
    expect(part.status).toBe(206);
    expect(await text(part.body!())).toBe('bc');
    expect(
      await access.answer({ variant: 'preview', id: 'p2', method: 'GET', range: null }),
    ).toMatchObject({ status: 404, message: 'This preview has expired. Make a new preview.' });
    expect(
      (await access.answer({ variant: 'preview', id: '../p1', method: 'GET', range: null })).status,
    ).toBe(400);
  });

  it('marks an item missing when its file is gone', async () => {
    const missing: string[] = [];
    const access = accessTo([item({})], missing);
    const answer = await access.answer({ variant: 'file', id: 'abc', method: 'GET', range: null });
    expect(answer.status).toBe(404);
    expect(missing).toEqual(['abc']);
  });

  it('accepts only reelpilot-media://<variant>/<id> addresses', () => {
    expect(parseMediaProtocolUrl('reelpilot-media://file/abc-1')).toEqual({
      variant: 'file',
      id: 'abc-1',
    });
    expect(parseMediaProtocolUrl('reelpilot-media://thumbnail/abc')).toEqual({
      variant: 'thumbnail',
      id: 'abc',
    });
    for (const url of [
      'reelpilot-media://file/../../etc/passwd',
      'reelpilot-media:///etc/passwd',
      'reelpilot-media://file/abc/extra',
      'reelpilot-media://file/a%2F..%2Fb',
      'file:///etc/passwd',
      'https://example.com/file/abc',
      'not a url',
    ]) {
      expect(parseMediaProtocolUrl(url), url).toBeNull();
    }
  });
});
