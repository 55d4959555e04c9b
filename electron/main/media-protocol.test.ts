import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MediaFileAccess } from '../core/media/media-file-access';
import { handleMediaRequest } from './media-protocol';

let dir: string;
let access: MediaFileAccess;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'reelpilot-protocol-'));
  writeFileSync(path.join(dir, 'song.wav'), 'RIFFdata-of-a-song');
  writeFileSync(path.join(dir, 'secret.txt'), 'not for the renderer');
  access = new MediaFileAccess(
    {
      get: async (id) =>
        id === 'song1'
          ? {
              id,
              path: path.join(dir, 'song.wav'),
              name: 'song.wav',
              kind: 'audio',
              size: 18,
              contentHash: 'b'.repeat(64),
              mime: 'audio/wav',
              durationMs: 1000,
              width: null,
              height: null,
              rotation: 0,
              videoCodec: null,
              audioCodec: 'pcm_s16le',
              frameRate: null,
              tags: [],
              origin: 'linked',
              importedAt: 0,
              modifiedAt: 0,
              missing: false,
              thumbnail: 'pending',
              thumbnailError: null,
            }
          : null,
      noticeMissing: () => {},
    },
    path.join(dir, 'cache'),
  );
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('reelpilot-media protocol', () => {
  it('serves a library file with ranges', async () => {
    const whole = await handleMediaRequest(new Request('reelpilot-media://file/song1'), access);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('audio/wav');
    expect(await whole.text()).toBe('RIFFdata-of-a-song');
    const part = await handleMediaRequest(
      new Request('reelpilot-media://file/song1', { headers: { range: 'bytes=4-7' } }),
      access,
    );
    expect(part.status).toBe(206);
    expect(await part.text()).toBe('data');
  });

  it('refuses traversal, foreign paths and items without a ready thumbnail', async () => {
    for (const url of [
      'reelpilot-media://file/../secret.txt',
      `reelpilot-media://file/${encodeURIComponent(path.join(dir, 'secret.txt'))}`,
      `reelpilot-media:///${path.join(dir, 'secret.txt')}`,
      'reelpilot-media://file/song1/../../secret.txt',
      'reelpilot-media://file/nosuchitem',
    ]) {
      const response = await handleMediaRequest(new Request(url), access);
      expect(response.status, url).toBeGreaterThanOrEqual(400);
      expect(await response.text(), url).not.toContain('not for the renderer');
    }
    const thumb = await handleMediaRequest(
      new Request('reelpilot-media://thumbnail/song1'),
      access,
    );
    expect(thumb.status).toBe(404);
  });
});
