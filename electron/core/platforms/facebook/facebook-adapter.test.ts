import { describe, expect, it } from 'vitest';
import {
  startFacebookEmulator,
  type FacebookEmulator,
} from '../../../../emulators/facebook/facebook-emulator';
import { facebookPosts } from '../../../../emulators/facebook/facebook-emulator-state';
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
import { FacebookAdapter } from './facebook-adapter';

const KiB = 1024;
const pageId = '104000000000001';
let emulator: FacebookEmulator;
let files: TempVideos;
emulatorPerTest(startFacebookEmulator, (fresh) => ({ emulator, files } = fresh));

const adapter = () =>
  new FacebookAdapter({
    endpoints: endpointsAt('facebook', emulator, '/v21.0'),
    runtime: fastRuntime,
    chunkBytes: 128 * KiB,
  });
const routes = (name: string) => emulator.requests.filter((r) => r.route === name);
const onlyPost = () => onlyOne(facebookPosts(emulator.state));
const page = (state?: unknown) => ({ targetId: pageId, state });

describe('Facebook Reels adapter against the emulator', () => {
  it('starts, uploads by offset, finishes and waits for the Reel to be published', async () => {
    const video = files.make(300 * KiB);
    const run = recordingContext(tokenProvider(emulator.state.tokens, 'page').get);
    const result = await adapter().publish(jobFor(video, page()), run.context);
    expect(run.states[0]).toMatchObject({ step: 'started', offset: 0 });
    expect(routes('facebook.upload')).toHaveLength(3);
    const post = onlyPost();
    expect(post).toMatchObject({ sha256: video.sha256, description: 'Caption #reelpilot', pageId });
    expect(result).toMatchObject({ state: 'published', platformPostId: post.id });
  });

  it('retries a 5xx and a dropped upload from the confirmed offset', async () => {
    const video = files.make(300 * KiB);
    emulator.faults.arm('facebook.upload', metaFaults.serverError, 1, 1);
    emulator.faults.arm('facebook.upload', { type: 'drop', afterBytes: 20 * KiB });
    await adapter().publish(
      jobFor(video, page()),
      recordingContext(tokenProvider(emulator.state.tokens, 'p').get).context,
    );
    expect(onlyPost().sha256).toBe(video.sha256);
  });

  it('classifies the 30-a-day Reels limit and 429 as rate', async () => {
    const tokens = tokenProvider(emulator.state.tokens, 'p');
    for (let i = 0; i < 30; i += 1) emulator.state.reelsPerDay.take(pageId);
    expect(
      await failure(
        adapter().publish(
          jobFor(files.make(10 * KiB), page()),
          recordingContext(tokens.get).context,
        ),
      ),
    ).toMatchObject({ kind: 'rate', reason: '4' });
    emulator.faults.arm('facebook.reels', {
      type: 'status',
      status: 429,
      headers: { 'retry-after': '60' },
    });
    expect(
      await failure(
        adapter().publish(
          jobFor(files.make(10 * KiB), page()),
          recordingContext(tokens.get).context,
        ),
      ),
    ).toMatchObject({ kind: 'rate', retryAfterMs: 60_000 });
  });

  it('refreshes an expired token once; an invalid grant is auth', async () => {
    const tokens = tokenProvider(emulator.state.tokens, 'p');
    const run = recordingContext(tokens.get, {
      onSave: (_s, index) => {
        if (index === 1) emulator.state.tokens.expireAll();
      },
    });
    await adapter().publish(jobFor(files.make(300 * KiB), page()), run.context);
    expect(tokens.calls.forced).toBe(1);
    emulator.state.tokens.revokeAccount('p');
    const error = await failure(
      adapter().publish(jobFor(files.make(10 * KiB), page()), recordingContext(tokens.get).context),
    );
    expect(error).toMatchObject({ kind: 'auth', reconnect: true });
  });

  it('fails a Reel whose processing ends in error', async () => {
    emulator.state.rejectNextWith = 'The video is too short for Reels.';
    const error = await failure(
      adapter().publish(
        jobFor(files.make(10 * KiB), page()),
        recordingContext(tokenProvider(emulator.state.tokens, 'p').get).context,
      ),
    );
    expect(error.kind).toBe('content');
  });

  it('polls slow processing until the Reel is ready', async () => {
    emulator.state.processingPolls = 3;
    await adapter().publish(
      jobFor(files.make(10 * KiB), page()),
      recordingContext(tokenProvider(emulator.state.tokens, 'p').get).context,
    );
    expect(routes('facebook.status')).toHaveLength(4);
  });

  it('resumes an aborted upload from the saved offset: one Reel, the same bytes', async () => {
    const video = files.make(500 * KiB);
    const tokens = tokenProvider(emulator.state.tokens, 'p');
    const first = abortedAfterSave(tokens.get, 2);
    await expect(adapter().publish(jobFor(video, page()), first.context)).rejects.toThrow();
    await adapter().publish(
      jobFor(video, page(first.last())),
      recordingContext(tokens.get).context,
    );
    expect(onlyPost().sha256).toBe(video.sha256);
    expect(emulator.state.reels.size).toBe(1);
  });

  it('goes on from what Facebook holds when a part arrived but its answer was lost', async () => {
    const video = files.make(300 * KiB);
    // The last part arrives whole; its answer is lost, and the same part again is refused.
    emulator.faults.arm('facebook.upload', { type: 'loseAnswer' }, 1, 2);
    const result = await adapter().publish(
      jobFor(video, page()),
      recordingContext(tokenProvider(emulator.state.tokens, 'p').get).context,
    );
    expect(publishedPost(result).platformPostId).toBe(onlyPost().id);
    expect(onlyPost().sha256).toBe(video.sha256);
    expect(emulator.state.reels.size).toBe(1);
  });

  it('asks Facebook how far the upload got when a saved upload is taken up again', async () => {
    const video = files.make(300 * KiB);
    const tokens = tokenProvider(emulator.state.tokens, 'p');
    // The first run loses the last answer and cannot ask (the status fails): it stops with the
    // offset before the last part saved, as an engine killed at that moment would.
    emulator.faults.arm('facebook.upload', { type: 'loseAnswer' }, 1, 2);
    emulator.faults.arm('facebook.status', metaFaults.serverError, 20);
    const first = recordingContext(tokens.get);
    await expect(adapter().publish(jobFor(video, page()), first.context)).rejects.toThrow();
    expect(first.last()).toMatchObject({ step: 'started', offset: 256 * KiB });
    emulator.faults.clear();

    const uploads = routes('facebook.upload').length;
    const result = await adapter().publish(
      jobFor(video, page(first.last())),
      recordingContext(tokens.get).context,
    );
    // Facebook had every byte: none is sent again, and the one Reel is published.
    expect(routes('facebook.upload')).toHaveLength(uploads);
    expect(publishedPost(result).platformPostId).toBe(onlyPost().id);
    expect(onlyPost().sha256).toBe(video.sha256);
    expect(emulator.state.reels.size).toBe(1);
  });

  it('finishes the same Reel again after a lost answer: never a second Reel', async () => {
    // The start passes; the finish is done by Facebook and its answer lost.
    emulator.faults.arm('facebook.reels', { type: 'loseAnswer' }, 1, 1);
    const tokens = tokenProvider(emulator.state.tokens, 'page');
    const first = recordingContext(tokens.get);
    const video = files.make(50 * KiB);
    expect((await failure(adapter().publish(jobFor(video, page()), first.context))).kind).toBe(
      'unknown',
    );
    expect(first.states[first.markers[0]!]).toMatchObject({ step: 'finishing' });
    const again = await adapter().publish(
      jobFor(video, page(first.last())),
      recordingContext(tokens.get).context,
    );
    expect(publishedPost(again).platformPostId).toBe(onlyPost().id);
    expect(emulator.state.reels.size).toBe(1);
  });

  it('reads Reel insights; what is not reported stays undefined', async () => {
    const tokens = tokenProvider(emulator.state.tokens, 'p');
    const result = await adapter().publish(
      jobFor(files.make(10 * KiB), page()),
      recordingContext(tokens.get).context,
    );
    emulator.state.reels.get(publishedPost(result).trackingId)!.insights = {
      blue_reels_play_count: 900,
      post_video_likes_by_reaction_type: { REACTION_LIKE: 10, REACTION_LOVE: 2 },
      post_video_social_actions: { SHARE: 4 },
    };
    expect(
      await adapter().metrics(publishedPost(result).trackingId, { getAccessToken: tokens.get }),
    ).toEqual({
      views: 900,
      reach: undefined,
      likes: 12,
      comments: undefined,
      shares: 4,
    });
  });

  it('validates Reels rules: 3-90 s, 9:16, at least 540x960, 24-60 fps', () => {
    const problems = adapter().validate(
      files.make(10, { durationSec: 120, width: 480, height: 480, fps: 15 }),
      {
        caption: 'x',
        privacy: 'public',
      },
    );
    expect(problems.map((p) => p.field).sort()).toEqual([
      'dimensions',
      'dimensions',
      'duration',
      'frameRate',
    ]);
  });
});
