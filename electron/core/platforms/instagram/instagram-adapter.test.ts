import { describe, expect, it } from 'vitest';
import {
  startInstagramEmulator,
  type InstagramEmulator,
} from '../../../../emulators/instagram/instagram-emulator';
import { metaFaults } from '../../../../emulators/meta/meta-graph-kit';
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
import { InstagramAdapter } from './instagram-adapter';

const KiB = 1024;
const userId = '17841400000000001';
let emulator: InstagramEmulator;
let files: TempVideos;
emulatorPerTest(startInstagramEmulator, (fresh) => ({ emulator, files } = fresh));

const adapter = () =>
  new InstagramAdapter({
    endpoints: endpointsAt('instagram', emulator, '/v21.0'),
    runtime: fastRuntime,
    chunkBytes: 128 * KiB,
  });
const routes = (name: string) => emulator.requests.filter((r) => r.route === name);
const onlyMedia = () => onlyOne(emulator.state.media);
const job = (size: number, state?: unknown) =>
  jobFor(files.make(size), { targetId: userId, state });

describe('Instagram adapter against the emulator', () => {
  it('checks the publishing limit, uploads a resumable Reels container, polls, publishes', async () => {
    const video = files.make(300 * KiB);
    const run = recordingContext(tokenProvider(emulator.state.tokens, 'ig').get);
    const result = await adapter().publish(jobFor(video, { targetId: userId }), run.context);
    expect(emulator.requests.map((r) => r.route).slice(0, 2)).toEqual([
      'instagram.limit',
      'instagram.container',
    ]);
    expect(run.states[0]).toMatchObject({ step: 'container', offset: 0 });
    expect(routes('instagram.upload')).toHaveLength(3);
    const media = onlyMedia();
    expect(media).toMatchObject({ sha256: video.sha256, caption: 'Caption #reelpilot' });
    expect(result).toMatchObject({ state: 'published', platformPostId: media.id });
    // The container id was saved before any status poll.
    const firstPoll = emulator.requests.findIndex((r) => r.route === 'instagram.status');
    expect(firstPoll).toBeGreaterThan(
      emulator.requests.findIndex((r) => r.route === 'instagram.container'),
    );
  });

  it('refuses to start when the 24-hour publishing limit is used up', async () => {
    emulator.state.publishLimit = 1;
    const tokens = tokenProvider(emulator.state.tokens, 'ig');
    await adapter().publish(job(50 * KiB), recordingContext(tokens.get).context);
    const error = await failure(
      adapter().publish(job(50 * KiB), recordingContext(tokens.get).context),
    );
    expect(error).toMatchObject({ kind: 'rate', reason: 'content_publishing_limit' });
    expect(routes('instagram.container')).toHaveLength(1);
  });

  it('retries 5xx and a dropped upload, resuming at the confirmed offset', async () => {
    const video = files.make(400 * KiB);
    emulator.faults.arm('instagram.upload', metaFaults.serverError, 1, 1);
    emulator.faults.arm('instagram.upload', { type: 'drop', afterBytes: 40 * KiB }, 1, 1);
    await adapter().publish(
      jobFor(video, { targetId: userId }),
      recordingContext(tokenProvider(emulator.state.tokens, 'ig').get).context,
    );
    expect(onlyMedia().sha256).toBe(video.sha256);
    expect(routes('instagram.upload')).toHaveLength(6);
  });

  it('classifies Graph rate limits and 429 with Retry-After as rate', async () => {
    const tokens = tokenProvider(emulator.state.tokens, 'ig');
    emulator.faults.arm('instagram.container', metaFaults.rateLimited);
    expect(
      await failure(adapter().publish(job(50 * KiB), recordingContext(tokens.get).context)),
    ).toMatchObject({ kind: 'rate', reason: '4' });
    emulator.faults.arm('instagram.limit', {
      type: 'status',
      status: 429,
      headers: { 'retry-after': '120' },
    });
    expect(
      await failure(adapter().publish(job(50 * KiB), recordingContext(tokens.get).context)),
    ).toMatchObject({ kind: 'rate', retryAfterMs: 120_000 });
  });

  it('refreshes an expired token once (code 190/463), and reports an invalid grant as auth', async () => {
    const tokens = tokenProvider(emulator.state.tokens, 'ig');
    const run = recordingContext(tokens.get, {
      onSave: (_s, index) => {
        if (index === 1) emulator.state.tokens.expireAll();
      },
    });
    await adapter().publish(job(300 * KiB), run.context);
    expect(tokens.calls.forced).toBe(1);
    expect(emulator.state.media.size).toBe(1);

    emulator.state.tokens.revokeAccount('ig');
    const error = await failure(
      adapter().publish(job(50 * KiB), recordingContext(tokens.get).context),
    );
    expect(error).toMatchObject({ kind: 'auth', reconnect: true });
  });

  it('fails a container that ends in ERROR, without publishing', async () => {
    emulator.state.rejectNextWith = 'Unsupported video format (2207026)';
    const error = await failure(
      adapter().publish(
        job(50 * KiB),
        recordingContext(tokenProvider(emulator.state.tokens, 'ig').get).context,
      ),
    );
    expect(error.kind).toBe('content');
    expect(error.message).toMatch(/2207026/);
    expect(routes('instagram.publish')).toHaveLength(0);
  });

  it('polls a slow container until FINISHED', async () => {
    emulator.state.processingPolls = 4;
    await adapter().publish(
      job(50 * KiB),
      recordingContext(tokenProvider(emulator.state.tokens, 'ig').get).context,
    );
    expect(onlyMedia()).toBeDefined();
    expect(routes('instagram.status').length).toBeGreaterThanOrEqual(5);
  });

  it('resumes with the saved container: never a second container, one post, same bytes', async () => {
    const video = files.make(500 * KiB);
    const tokens = tokenProvider(emulator.state.tokens, 'ig');
    const first = abortedAfterSave(tokens.get, 2);
    await expect(
      adapter().publish(jobFor(video, { targetId: userId }), first.context),
    ).rejects.toThrow();
    expect(first.last()).toMatchObject({ step: 'container', offset: 256 * KiB });
    await adapter().publish(
      jobFor(video, { targetId: userId, state: first.last() }),
      recordingContext(tokens.get).context,
    );
    expect(onlyMedia().sha256).toBe(video.sha256);
    expect(routes('instagram.container')).toHaveLength(1);
  });

  it('replaces a container whose last part arrived unconfirmed: one Reel, the same bytes', async () => {
    const video = files.make(300 * KiB);
    // The last part arrives whole; its answer is lost, and the same part again is refused.
    emulator.faults.arm('instagram.upload', { type: 'loseAnswer' }, 1, 2);
    const result = await adapter().publish(
      jobFor(video, { targetId: userId }),
      recordingContext(tokenProvider(emulator.state.tokens, 'ig').get).context,
    );
    expect(publishedPost(result).platformPostId).toBe(onlyMedia().id);
    expect(onlyMedia().sha256).toBe(video.sha256);
    // The first container is left unpublished; it expires.
    expect(emulator.state.containers.size).toBe(2);
  });

  it('replaces it too when a saved upload is taken up again behind what Instagram holds', async () => {
    const video = files.make(300 * KiB);
    const tokens = tokenProvider(emulator.state.tokens, 'ig');
    // The first run loses the last answer and cannot make a new container: it stops with the
    // offset before the last part saved, as an engine killed at that moment would.
    emulator.faults.arm('instagram.upload', { type: 'loseAnswer' }, 1, 2);
    emulator.faults.arm('instagram.container', metaFaults.serverError, 20, 1);
    const first = recordingContext(tokens.get);
    await expect(
      adapter().publish(jobFor(video, { targetId: userId }), first.context),
    ).rejects.toThrow();
    expect(first.last()).toMatchObject({ step: 'container', offset: 256 * KiB });
    emulator.faults.clear();

    const result = await adapter().publish(
      jobFor(video, { targetId: userId, state: first.last() }),
      recordingContext(tokens.get).context,
    );
    expect(publishedPost(result).platformPostId).toBe(onlyMedia().id);
    expect(onlyMedia().sha256).toBe(video.sha256);
  });

  it('does not publish twice when the publish answer was lost', async () => {
    const tokens = tokenProvider(emulator.state.tokens, 'ig');
    const first = recordingContext(tokens.get);
    await adapter().publish(job(50 * KiB), first.context);
    const uploaded = first.states.find((s) => (s as { step: string }).step === 'uploaded');
    const again = await adapter().publish(
      jobFor(files.make(50 * KiB), { targetId: userId, state: uploaded }),
      recordingContext(tokens.get).context,
    );
    expect(emulator.state.media.size).toBe(1);
    expect(again.state).toBe('published');
  });

  it('hands back a container still processing after the polls as waiting, never as a post', async () => {
    emulator.state.processingPolls = 25;
    const tokens = tokenProvider(emulator.state.tokens, 'ig');
    const first = recordingContext(tokens.get);
    const video = files.make(50 * KiB);
    const result = await adapter().publish(jobFor(video, { targetId: userId }), first.context);
    expect(result).toEqual({ state: 'waiting', detail: 'Instagram is still processing the video' });
    expect(first.last()).toMatchObject({ step: 'uploaded' });
    expect(routes('instagram.publish')).toHaveLength(0);
    // Later, publish() is called again and continues from the saved container.
    const later = await adapter().publish(
      jobFor(video, { targetId: userId, state: first.last() }),
      recordingContext(tokens.get).context,
    );
    expect(publishedPost(later).platformPostId).toBe(onlyMedia().id);
    expect(routes('instagram.container')).toHaveLength(1);
  });

  it('finds the Reel by its container and caption when the publish answer was lost', async () => {
    emulator.faults.arm('instagram.publish', { type: 'loseAnswer' });
    const tokens = tokenProvider(emulator.state.tokens, 'ig');
    const first = recordingContext(tokens.get);
    const video = files.make(50 * KiB);
    expect(
      (await failure(adapter().publish(jobFor(video, { targetId: userId }), first.context))).kind,
    ).toBe('unknown');
    expect(first.last()).toMatchObject({ step: 'publishing' });
    const again = await adapter().publish(
      jobFor(video, { targetId: userId, state: first.last() }),
      recordingContext(tokens.get).context,
    );
    // The media id, never the container id: metrics work.
    const media = onlyMedia();
    expect(publishedPost(again)).toMatchObject({ platformPostId: media.id, trackingId: media.id });
    expect(media.containerId).not.toBe(media.id);
    expect(routes('instagram.publish')).toHaveLength(1);
    expect(routes('instagram.recentMedia')).toHaveLength(1);
  });

  it('publishes the container again only when it says it was not published', async () => {
    emulator.faults.arm('instagram.publish', { type: 'drop' });
    const tokens = tokenProvider(emulator.state.tokens, 'ig');
    const first = recordingContext(tokens.get);
    const video = files.make(50 * KiB);
    expect(
      (await failure(adapter().publish(jobFor(video, { targetId: userId }), first.context))).kind,
    ).toBe('unknown');
    await adapter().publish(
      jobFor(video, { targetId: userId, state: first.last() }),
      recordingContext(tokens.get).context,
    );
    expect(onlyMedia().sha256).toBe(video.sha256);
    expect(routes('instagram.publish')).toHaveLength(2);
  });

  it('reads insights, leaving metrics not reported yet undefined', async () => {
    const tokens = tokenProvider(emulator.state.tokens, 'ig');
    const result = await adapter().publish(job(50 * KiB), recordingContext(tokens.get).context);
    onlyMedia().insights = { views: 310, likes: 12, saved: 2 };
    expect(
      await adapter().metrics(publishedPost(result).trackingId, { getAccessToken: tokens.get }),
    ).toEqual({
      views: 310,
      reach: undefined,
      likes: 12,
      comments: undefined,
      shares: undefined,
      saves: 2,
    });
  });
});
