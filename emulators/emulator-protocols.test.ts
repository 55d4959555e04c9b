import { afterEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from './kit/emulator-kit';
import { startInstagramEmulator } from './instagram/instagram-emulator';
import { startTikTokEmulator } from './tiktok/tiktok-emulator';
import { startXEmulator } from './x/x-emulator';
import { startYouTubeEmulator } from './youtube/youtube-emulator';

/** The emulators refuse what the real services refuse, with the real status codes and bodies. */
const KiB = 1024;
const running: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});
async function track<T extends RunningEmulator>(start: Promise<T>): Promise<T> {
  const emulator = await start;
  running.push(emulator);
  return emulator;
}

describe('YouTube resumable protocol', () => {
  it('answers 308 with Range, checks 256 KiB units and offsets, repeats the final answer', async () => {
    const youtube = await track(startYouTubeEmulator());
    const auth = { authorization: `Bearer ${youtube.state.tokens.issue('c', []).accessToken}` };
    const total = 600 * KiB;
    const start = await fetch(
      `${youtube.baseUrl}/upload/youtube/v3/videos?uploadType=resumable&part=snippet,status`,
      {
        method: 'POST',
        headers: {
          ...auth,
          'content-type': 'application/json',
          'x-upload-content-length': String(total),
          'x-upload-content-type': 'video/mp4',
        },
        body: JSON.stringify({ snippet: { title: 'T' }, status: { privacyStatus: 'private' } }),
      },
    );
    expect(start.status).toBe(200);
    const session = start.headers.get('location')!;
    const put = (range: string, bytes = 0) =>
      fetch(session, {
        method: 'PUT',
        headers: { ...auth, 'content-range': range },
        body: Buffer.alloc(bytes, 7),
      });

    const empty = await put(`bytes */${total}`);
    expect(empty.status).toBe(308);
    expect(empty.headers.get('range')).toBeNull();
    expect((await put(`bytes 0-${100 * KiB - 1}/${total}`, 100 * KiB)).status).toBe(400);
    const first = await put(`bytes 0-${256 * KiB - 1}/${total}`, 256 * KiB);
    expect(first.status).toBe(308);
    expect(first.headers.get('range')).toBe(`bytes=0-${256 * KiB - 1}`);
    const gap = await put(`bytes ${512 * KiB}-${total - 1}/${total}`, total - 512 * KiB);
    expect(gap.status).toBe(400);
    expect(await gap.json()).toMatchObject({
      error: { code: 400, errors: [{ reason: 'badRequest' }] },
    });
    expect((await put(`bytes ${256 * KiB}-${total - 1}/${total}`, total - 256 * KiB)).status).toBe(
      200,
    );
    const again = await put(`bytes */${total}`);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ kind: 'youtube#video' });
    expect(youtube.state.videos.size).toBe(1);

    const unauthorized = await fetch(`${youtube.baseUrl}/youtube/v3/videos?part=status&id=x`);
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers.get('www-authenticate')).toMatch(/invalid_token/);
  });
});

describe('TikTok chunk rules', () => {
  it('refuses a wrong chunk count, out-of-order chunks and answers 206 then 201', async () => {
    const tiktok = await track(
      startTikTokEmulator({
        audited: true,
        chunkRules: {
          minChunkBytes: 64 * KiB,
          maxChunkBytes: 128 * KiB,
          maxFinalChunkBytes: 256 * KiB,
        },
      }),
    );
    const auth = {
      authorization: `Bearer ${tiktok.state.tokens.issue('c', []).accessToken}`,
      'content-type': 'application/json',
    };
    const init = (chunkSize: number, count: number) =>
      fetch(`${tiktok.baseUrl}/v2/post/publish/video/init/`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({
          post_info: { title: 't', privacy_level: 'SELF_ONLY' },
          source_info: {
            source: 'FILE_UPLOAD',
            video_size: 300 * KiB,
            chunk_size: chunkSize,
            total_chunk_count: count,
          },
        }),
      });
    const wrong = await init(100 * KiB, 2);
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: { code: 'invalid_params' } });
    const good = (await (await init(100 * KiB, 3)).json()) as { data: { upload_url: string } };
    const chunk = (from: number, to: number) =>
      fetch(good.data.upload_url, {
        method: 'PUT',
        headers: {
          'content-type': 'video/mp4',
          'content-range': `bytes ${from}-${to - 1}/${300 * KiB}`,
        },
        body: Buffer.alloc(to - from),
      });
    expect((await chunk(100 * KiB, 200 * KiB)).status).toBe(416);
    expect((await chunk(0, 100 * KiB)).status).toBe(206);
    expect((await chunk(0, 100 * KiB)).status).toBe(206);
    expect((await chunk(100 * KiB, 200 * KiB)).status).toBe(206);
    expect((await chunk(200 * KiB, 300 * KiB)).status).toBe(201);
  });
});

describe('Meta rupload and X segments', () => {
  it('refuses an offset the server does not hold, and X segments out of order or too large', async () => {
    const instagram = await track(startInstagramEmulator());
    const token = instagram.state.tokens.issue('c', []).accessToken;
    const container = (await (
      await fetch(`${instagram.baseUrl}/v21.0/1789/media`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: 'media_type=REELS&upload_type=resumable&caption=x',
      })
    ).json()) as { id: string };
    const upload = (offset: number, bytes: number, scheme = 'OAuth') =>
      fetch(`${instagram.baseUrl}/ig-api-upload/v21.0/${container.id}`, {
        method: 'POST',
        headers: { authorization: `${scheme} ${token}`, offset: String(offset), file_size: '1000' },
        body: Buffer.alloc(bytes),
      });
    expect((await upload(0, 400, 'Bearer')).status).toBe(401);
    expect((await upload(200, 400)).status).toBe(400);
    expect(await (await upload(0, 400)).json()).toEqual({ success: true });
    expect(await (await upload(400, 600)).json()).toEqual({ success: true });
    const video = await fetch(`${instagram.baseUrl}/v21.0/1789/media`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'media_type=VIDEO&upload_type=resumable',
    });
    expect(await video.json()).toMatchObject({
      error: { code: 100, type: 'GraphMethodException' },
    });

    const x = await track(startXEmulator({ maxSegmentBytes: 64 * KiB }));
    const xAuth = { authorization: `Bearer ${x.state.tokens.issue('u', []).accessToken}` };
    const media = (await (
      await fetch(`${x.baseUrl}/2/media/upload/initialize`, {
        method: 'POST',
        headers: { ...xAuth, 'content-type': 'application/json' },
        body: JSON.stringify({
          media_type: 'video/mp4',
          total_bytes: 100 * KiB,
          media_category: 'tweet_video',
        }),
      })
    ).json()) as { data: { id: string } };
    const append = (index: number, bytes: number) => {
      const form = new FormData();
      form.set('segment_index', String(index));
      form.set('media', new Blob([Buffer.alloc(bytes)]));
      return fetch(`${x.baseUrl}/2/media/upload/${media.data.id}/append`, {
        method: 'POST',
        headers: xAuth,
        body: form,
      });
    };
    expect((await append(1, 10 * KiB)).status).toBe(400);
    const large = await append(0, 100 * KiB);
    expect(large.status).toBe(400);
    expect(await large.json()).toMatchObject({
      detail: expect.stringMatching(/at most 65536 bytes/),
    });
    expect((await append(0, 60 * KiB)).status).toBe(200);
    const early = await fetch(`${x.baseUrl}/2/media/upload/${media.data.id}/finalize`, {
      method: 'POST',
      headers: xAuth,
    });
    expect(await early.json()).toMatchObject({
      status: 400,
      detail: expect.stringMatching(/File size mismatch/),
    });
    expect((await append(1, 40 * KiB)).status).toBe(200);
    expect(
      (
        await fetch(`${x.baseUrl}/2/media/upload/${media.data.id}/finalize`, {
          method: 'POST',
          headers: xAuth,
        })
      ).status,
    ).toBe(200);
  });
});
