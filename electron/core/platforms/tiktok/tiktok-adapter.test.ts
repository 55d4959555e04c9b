import { describe, expect, it } from 'vitest';
import {
  startTikTokEmulator,
  type TikTokEmulator,
} from '../../../../emulators/tiktok/tiktok-emulator';
import { tiktokError } from '../../../../emulators/tiktok/tiktok-upload-routes';
import { emulatorPerTest, endpointsAt, failure, onlyOne } from '../testing/adapter-test-bed';
import {
  abortedAfterSave,
  fastRuntime,
  jobFor,
  publishedPost,
  recordingContext,
  tokenProvider,
  type TempVideos,
} from '../testing/upload-test-kit';
import { TikTokAdapter } from './tiktok-adapter';
import { defaultTikTokChunkRules, planChunks } from './tiktok-chunk-plan';

const KiB = 1024;
const MiB = 1024 * KiB;
const chunkRules = {
  minChunkBytes: 64 * KiB,
  maxChunkBytes: 256 * KiB,
  maxFinalChunkBytes: 512 * KiB,
};
let emulator: TikTokEmulator;
let files: TempVideos;
emulatorPerTest(
  () => startTikTokEmulator({ chunkRules, audited: true }),
  (fresh) => ({ emulator, files } = fresh),
);

const adapter = () =>
  new TikTokAdapter({
    endpoints: endpointsAt('tiktok', emulator),
    runtime: fastRuntime,
    chunkRules,
    chunkBytes: 100 * KiB,
  });
const routes = (name: string) => emulator.requests.filter((r) => r.route === name);
const onlyPost = () => onlyOne(emulator.state.posts);

describe('TikTok adapter against the emulator', () => {
  it('asks creator_info first, then posts in chunks by the chunk rules', async () => {
    const video = files.make(550 * KiB);
    const tokens = tokenProvider(emulator.state.tokens, 'creator');
    let chunksAtFirstSave = -1;
    const run = recordingContext(tokens.get, {
      onSave: (_s, index) => {
        if (index === 0) chunksAtFirstSave = routes('tiktok.upload.chunk').length;
      },
    });
    const result = await adapter().publish(jobFor(video), run.context);
    expect(emulator.requests[0]?.route).toBe('tiktok.creatorInfo');
    expect(chunksAtFirstSave).toBe(0);
    expect(run.states[0]).toMatchObject({
      step: 'uploading',
      chunkSize: 100 * KiB,
      totalChunkCount: 5,
      nextChunk: 0,
    });
    expect(routes('tiktok.upload.chunk')).toHaveLength(5);
    const post = onlyPost();
    expect(post).toMatchObject({
      sha256: video.sha256,
      privacyLevel: 'PUBLIC_TO_EVERYONE',
      title: 'Caption #reelpilot',
    });
    expect(result).toMatchObject({ state: 'published', platformPostId: post.postId });
  });

  it('sends a file under the minimum chunk size whole', async () => {
    const video = files.make(50 * KiB);
    await adapter().publish(
      jobFor(video),
      recordingContext(tokenProvider(emulator.state.tokens, 'c').get).context,
    );
    expect(routes('tiktok.upload.chunk')).toHaveLength(1);
    expect(onlyPost().sha256).toBe(video.sha256);
  });

  it('offers only the privacy levels creator_info gives (unaudited: SELF_ONLY)', async () => {
    emulator.state.audited = false;
    const video = files.make(80 * KiB);
    const tokens = tokenProvider(emulator.state.tokens, 'c');
    expect(
      (await adapter().creatorInfo({ getAccessToken: tokens.get })).privacy_level_options,
    ).toEqual(['SELF_ONLY']);
    const error = await failure(
      adapter().publish(jobFor(video), recordingContext(tokens.get).context),
    );
    expect(error).toMatchObject({ kind: 'content', reason: 'privacy_level_option_mismatch' });
    expect(routes('tiktok.init')).toHaveLength(0);
    const result = await adapter().publish(
      jobFor(video, {}, { tiktokPrivacyLevel: 'SELF_ONLY' }),
      recordingContext(tokens.get).context,
    );
    // A private post has no public id: the publish id remains the reference.
    expect(publishedPost(result).platformPostId).toBe(publishedPost(result).trackingId);
  });

  it('retries a chunk answered with 5xx, and re-sends a chunk dropped mid-way', async () => {
    const video = files.make(450 * KiB);
    emulator.faults.arm(
      'tiktok.upload.chunk',
      { type: 'status', status: 502, body: tiktokError('internal_error', 'Bad gateway') },
      1,
      1,
    );
    emulator.faults.arm('tiktok.upload.chunk', { type: 'drop', afterBytes: 30 * KiB }, 1, 1);
    await adapter().publish(
      jobFor(video),
      recordingContext(tokenProvider(emulator.state.tokens, 'c').get).context,
    );
    expect(onlyPost().sha256).toBe(video.sha256);
    expect(routes('tiktok.upload.chunk')).toHaveLength(6);
  });

  it('classifies 429 on init as rate with Retry-After, and the real 6-a-minute limit too', async () => {
    const video = files.make(80 * KiB);
    const tokens = tokenProvider(emulator.state.tokens, 'c');
    emulator.faults.arm('tiktok.init', {
      type: 'status',
      status: 429,
      headers: { 'retry-after': '30' },
      body: tiktokError('rate_limit_exceeded', 'API rate limit was exceeded.'),
    });
    const error = await failure(
      adapter().publish(jobFor(video), recordingContext(tokens.get).context),
    );
    expect(error).toMatchObject({
      kind: 'rate',
      retryAfterMs: 30_000,
      reason: 'rate_limit_exceeded',
    });
    for (let i = 0; i < 6; i += 1) emulator.state.limits.init.take((await tokens.get()) ?? '');
    const limited = await failure(
      adapter().publish(jobFor(video), recordingContext(tokens.get).context),
    );
    expect(limited.kind).toBe('rate');
    expect(limited.retryAfterMs).toBeGreaterThan(0);
    expect(emulator.state.posts.size).toBe(0);
  });

  it('refreshes an expired token once (the refresh token rotates) and finishes', async () => {
    const video = files.make(300 * KiB);
    const tokens = tokenProvider(emulator.state.tokens, 'c');
    const run = recordingContext(tokens.get, {
      onSave: (state) => {
        if ((state as { step: string }).step === 'uploaded') emulator.state.tokens.expireAll();
      },
    });
    await adapter().publish(jobFor(video), run.context);
    expect(tokens.calls.forced).toBe(1);
    expect(onlyPost().sha256).toBe(video.sha256);
  });

  it('reports an invalid grant as auth needing reconnection', async () => {
    const tokens = tokenProvider(emulator.state.tokens, 'c');
    emulator.state.tokens.revokeAccount('c');
    const error = await failure(
      adapter().publish(jobFor(files.make(80 * KiB)), recordingContext(tokens.get).context),
    );
    expect(error).toMatchObject({ kind: 'auth', reconnect: true });
  });

  it('fails a post moderation refuses, without retrying', async () => {
    emulator.state.failNextWith = 'file_format_check_failed';
    const error = await failure(
      adapter().publish(
        jobFor(files.make(80 * KiB)),
        recordingContext(tokenProvider(emulator.state.tokens, 'c').get).context,
      ),
    );
    expect(error.kind).toBe('content');
    expect(error.message).toMatch(/file_format_check_failed/);
    expect(routes('tiktok.init')).toHaveLength(1);
  });

  it('polls while processing is slow', async () => {
    emulator.state.processingPolls = 3;
    const result = await adapter().publish(
      jobFor(files.make(80 * KiB)),
      recordingContext(tokenProvider(emulator.state.tokens, 'c').get).context,
    );
    expect(result.state).toBe('published');
    expect(routes('tiktok.status')).toHaveLength(4);
  });

  it('continues an aborted upload from the saved chunk: one post, the same bytes', async () => {
    const video = files.make(650 * KiB);
    const tokens = tokenProvider(emulator.state.tokens, 'c');
    const first = abortedAfterSave(tokens.get, 2);
    await expect(adapter().publish(jobFor(video), first.context)).rejects.toThrow();
    expect(first.last()).toMatchObject({ step: 'uploading', nextChunk: 2 });
    await adapter().publish(
      jobFor(video, { state: first.last() }),
      recordingContext(tokens.get).context,
    );
    expect(onlyPost().sha256).toBe(video.sha256);
    expect(routes('tiktok.init')).toHaveLength(1);
  });

  it('starts over with a new init when the upload URL expired (an hour) before the upload completed', async () => {
    const video = files.make(450 * KiB);
    const run = recordingContext(tokenProvider(emulator.state.tokens, 'c').get, {
      onSave: (state, index) => {
        if (index !== 1) return;
        const publishId = (state as { publishId: string }).publishId;
        emulator.state.publishes.get(publishId)!.createdAt -= 3_600_000;
      },
    });
    await adapter().publish(jobFor(video), run.context);
    // TikTok was asked first: the upload had not completed, so a new init is safe.
    expect(routes('tiktok.status')[0]?.at).toBeLessThan(routes('tiktok.init')[1]?.at ?? 0);
    expect(routes('tiktok.init')).toHaveLength(2);
    expect(onlyPost().sha256).toBe(video.sha256);
  });

  it('asks status/fetch after a 404 instead of posting again when the last chunk had landed', async () => {
    const video = files.make(450 * KiB);
    const tokens = tokenProvider(emulator.state.tokens, 'c');
    // The last chunk arrives, its answer does not; re-sending it meets an expired URL (404).
    emulator.faults.arm('tiktok.upload.chunk', { type: 'loseAnswer' }, 1, 3);
    const run = recordingContext(tokens.get);
    const result = await adapter().publish(jobFor(video), run.context);
    expect(routes('tiktok.init')).toHaveLength(1);
    expect(publishedPost(result).platformPostId).toBe(onlyPost().postId);
    // The marker before the last chunk was written through beforeIrreversible.
    expect(run.states[run.markers[0]!]).toMatchObject({
      nextChunk: 3,
      lastChunkAt: expect.any(Number),
    });
  });

  it('resumes after a crash before the completed upload was saved: one post, one init', async () => {
    const video = files.make(450 * KiB);
    const tokens = tokenProvider(emulator.state.tokens, 'c');
    const run = recordingContext(tokens.get);
    await adapter().publish(jobFor(video), run.context);
    // The state saved before the last chunk, as a crash right after sending it would leave it.
    const beforeLast = run.states.find((s) => (s as { nextChunk?: number }).nextChunk === 3) as {
      lastChunkAt?: number;
    };
    for (const saved of [beforeLast, { ...beforeLast, lastChunkAt: undefined }]) {
      const again = await adapter().publish(
        jobFor(video, { state: saved }),
        recordingContext(tokens.get).context,
      );
      expect(again.state).toBe('published');
    }
    expect(routes('tiktok.init')).toHaveLength(1);
    expect(onlyPost().sha256).toBe(video.sha256);
  });

  it('uploads to the creator inbox when asked', async () => {
    const inbox = new TikTokAdapter({
      endpoints: { tiktok: { apiBaseUrl: emulator.baseUrl } },
      runtime: fastRuntime,
      chunkRules,
      inbox: true,
    });
    const result = await inbox.publish(
      jobFor(files.make(80 * KiB)),
      recordingContext(tokenProvider(emulator.state.tokens, 'c').get).context,
    );
    expect(routes('tiktok.inboxInit')).toHaveLength(1);
    expect(result.state).toBe('published');
  });

  it('reads metrics, leaving saves undefined', async () => {
    const tokens = tokenProvider(emulator.state.tokens, 'c');
    const result = await adapter().publish(
      jobFor(files.make(80 * KiB)),
      recordingContext(tokens.get).context,
    );
    onlyPost().metrics = { view_count: 120, like_count: 7 };
    const metrics = await adapter().metrics(publishedPost(result).platformPostId, {
      getAccessToken: tokens.get,
    });
    expect(metrics).toEqual({ views: 120, likes: 7, comments: undefined, shares: undefined });
  });
});

describe('TikTok chunk plan', () => {
  it('follows floor(size / chunk) with the remainder in the last chunk', () => {
    expect(planChunks(4 * MiB, 10_000_000, defaultTikTokChunkRules)).toEqual({
      chunkSize: 4 * MiB,
      totalChunkCount: 1,
    });
    expect(planChunks(25_000_000, 10_000_000, defaultTikTokChunkRules)).toEqual({
      chunkSize: 10_000_000,
      totalChunkCount: 2,
    });
    const big = planChunks(1024 * MiB, 10_000_000, defaultTikTokChunkRules);
    expect(big.totalChunkCount).toBe(Math.floor((1024 * MiB) / 10_000_000));
    expect(1024 * MiB - (big.totalChunkCount - 1) * big.chunkSize).toBeLessThanOrEqual(128 * MiB);
  });
});
