import { describe, expect, it } from 'vitest';
import { startXEmulator, type XEmulator } from '../../../../emulators/x/x-emulator';
import { xProblem } from '../../../../emulators/x/x-upload-routes';
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
import { XAdapter } from './x-adapter';

const KiB = 1024;
let emulator: XEmulator;
let files: TempVideos;
emulatorPerTest(startXEmulator, (fresh) => ({ emulator, files } = fresh));

const adapter = () =>
  new XAdapter({
    endpoints: endpointsAt('x', emulator),
    runtime: fastRuntime,
    segmentBytes: 128 * KiB,
  });
const routes = (name: string) => emulator.requests.filter((r) => r.route === name);
const video = (size: number) => files.make(size, { width: 720, height: 1280 });
const onlyTweet = () => onlyOne(emulator.state.tweets);

describe('X adapter against the emulator', () => {
  it('initializes, appends segments from 0, finalizes, waits for processing and posts', async () => {
    const file = video(300 * KiB);
    emulator.state.processingPolls = 2;
    const run = recordingContext(tokenProvider(emulator.state.tokens, 'x-user').get);
    const result = await adapter().publish(jobFor(file), run.context);
    expect(run.states[0]).toMatchObject({ step: 'uploading', nextSegment: 0 });
    expect(routes('x.media.append')).toHaveLength(3);
    expect(routes('x.media.status')).toHaveLength(3);
    const tweet = onlyTweet();
    expect(tweet).toMatchObject({ sha256: file.sha256, text: 'Caption #reelpilot' });
    expect(result).toMatchObject({ state: 'published', platformPostId: tweet.id });
    expect(emulator.state.postsByAccount.get('x-user')).toBe(1);
  });

  it('retries a 5xx append and a segment dropped mid-way', async () => {
    const file = video(300 * KiB);
    emulator.faults.arm(
      'x.media.append',
      {
        type: 'status',
        status: 503,
        body: xProblem(503, 'Service Unavailable', 'Service Unavailable'),
      },
      1,
      1,
    );
    emulator.faults.arm('x.media.append', { type: 'drop', afterBytes: 50 * KiB }, 1, 1);
    await adapter().publish(
      jobFor(file),
      recordingContext(tokenProvider(emulator.state.tokens, 'u').get).context,
    );
    expect(onlyTweet().sha256).toBe(file.sha256);
    expect(routes('x.media.append')).toHaveLength(5);
  });

  it('reads x-rate-limit-reset on 429, and resumes without posting twice', async () => {
    const file = video(100 * KiB);
    const reset = Math.floor(Date.now() / 1000) + 900;
    emulator.faults.arm('x.tweets.create', {
      type: 'status',
      status: 429,
      headers: { 'x-rate-limit-reset': String(reset) },
      body: xProblem(429, 'Too Many Requests', 'Too Many Requests'),
    });
    const tokens = tokenProvider(emulator.state.tokens, 'u');
    const first = recordingContext(tokens.get);
    const error = await failure(adapter().publish(jobFor(file), first.context));
    expect(error.kind).toBe('rate');
    expect(error.retryAfterMs).toBeGreaterThan(800_000);
    expect(first.last()).toMatchObject({ step: 'processed' });
    await adapter().publish(
      jobFor(file, { state: first.last() }),
      recordingContext(tokens.get).context,
    );
    expect(onlyTweet().sha256).toBe(file.sha256);
    expect(routes('x.media.initialize')).toHaveLength(1);
  });

  it('refreshes an expired token once; an invalid grant is auth', async () => {
    const tokens = tokenProvider(emulator.state.tokens, 'u');
    const run = recordingContext(tokens.get, {
      onSave: (_s, index) => {
        if (index === 1) emulator.state.tokens.expireAll();
      },
    });
    await adapter().publish(jobFor(video(300 * KiB)), run.context);
    expect(tokens.calls.forced).toBe(1);
    emulator.state.tokens.revokeAccount('u');
    expect(
      await failure(
        adapter().publish(jobFor(video(10 * KiB)), recordingContext(tokens.get).context),
      ),
    ).toMatchObject({ kind: 'auth', reconnect: true });
  });

  it('fails a video X cannot process', async () => {
    emulator.state.rejectNextMediaWith = 'Unsupported video codec';
    const error = await failure(
      adapter().publish(
        jobFor(video(10 * KiB)),
        recordingContext(tokenProvider(emulator.state.tokens, 'u').get).context,
      ),
    );
    expect(error.kind).toBe('content');
    expect(error.message).toMatch(/Unsupported video codec/);
  });

  it('treats the 403 at post creation (video duration) as content, without retrying', async () => {
    emulator.state.refuseNextTweetForDuration = true;
    const error = await failure(
      adapter().publish(
        jobFor(video(10 * KiB)),
        recordingContext(tokenProvider(emulator.state.tokens, 'u').get).context,
      ),
    );
    expect(error).toMatchObject({ kind: 'content', status: 403 });
    expect(routes('x.tweets.create')).toHaveLength(1);
    expect(emulator.state.tweets.size).toBe(0);
  });

  it('never posts twice when the answer to the post is lost: it finds the post instead', async () => {
    emulator.faults.arm('x.tweets.create', { type: 'loseAnswer' });
    const tokens = tokenProvider(emulator.state.tokens, 'u');
    const first = recordingContext(tokens.get);
    const file = video(10 * KiB);
    const error = await failure(adapter().publish(jobFor(file, { targetId: 'u' }), first.context));
    expect(error.kind).toBe('unknown');
    // The marker was written through beforeIrreversible, right before the call.
    expect(first.states[first.markers[0]!]).toMatchObject({ step: 'tweeting' });
    expect(first.last()).toMatchObject({ step: 'tweeting' });
    const again = await adapter().publish(
      jobFor(file, { targetId: 'u', state: first.last() }),
      recordingContext(tokens.get).context,
    );
    expect(routes('x.tweets.create')).toHaveLength(1);
    expect(routes('x.users.tweets')).toHaveLength(1);
    expect(publishedPost(again).platformPostId).toBe(onlyTweet().id);
  });

  it('posts again only once the lookup proves that the broken call made no post', async () => {
    emulator.faults.arm('x.tweets.create', { type: 'drop' });
    const tokens = tokenProvider(emulator.state.tokens, 'u');
    const first = recordingContext(tokens.get);
    const file = video(10 * KiB);
    expect(
      (await failure(adapter().publish(jobFor(file, { targetId: 'u' }), first.context))).kind,
    ).toBe('unknown');
    expect(emulator.state.tweets.size).toBe(0);
    const second = recordingContext(tokens.get);
    await adapter().publish(jobFor(file, { targetId: 'u', state: first.last() }), second.context);
    expect(second.states.map((s) => (s as { step: string }).step)).toEqual([
      'processed',
      'tweeting',
      'posted',
    ]);
    expect(onlyTweet().sha256).toBe(file.sha256);
  });

  it('treats a 5xx answer to the post as unknown, and waits for the platform before looking', async () => {
    emulator.faults.arm('x.tweets.create', {
      type: 'status',
      status: 503,
      body: xProblem(503, 'Service Unavailable', 'Service Unavailable'),
    });
    const tokens = tokenProvider(emulator.state.tokens, 'u');
    const first = recordingContext(tokens.get);
    const file = video(10 * KiB);
    expect(
      (await failure(adapter().publish(jobFor(file, { targetId: 'u' }), first.context))).kind,
    ).toBe('unknown');
    const patient = new XAdapter({
      endpoints: endpointsAt('x', emulator),
      runtime: { ...fastRuntime, lookupSettleMs: 60_000 },
    });
    const early = await failure(
      patient.publish(
        jobFor(file, { targetId: 'u', state: first.last() }),
        recordingContext(tokens.get).context,
      ),
    );
    expect(early).toMatchObject({ kind: 'unknown', reason: 'lookup_settling' });
    expect(early.retryAfterMs).toBeGreaterThan(50_000);
    expect(routes('x.users.tweets')).toHaveLength(0);
    expect(routes('x.tweets.create')).toHaveLength(1);
  });

  it('makes no post when the ownership check before it fails', async () => {
    const tokens = tokenProvider(emulator.state.tokens, 'u');
    const run = recordingContext(tokens.get, {
      beforeIrreversible: () => {
        throw new Error('This worker no longer holds the job.');
      },
    });
    await expect(adapter().publish(jobFor(video(10 * KiB)), run.context)).rejects.toThrow(
      /no longer holds/,
    );
    expect(routes('x.tweets.create')).toHaveLength(0);
  });

  it('continues an aborted upload from the saved segment: one post, the same bytes', async () => {
    const file = video(600 * KiB);
    const tokens = tokenProvider(emulator.state.tokens, 'u');
    const first = abortedAfterSave(tokens.get, 2);
    await expect(adapter().publish(jobFor(file), first.context)).rejects.toThrow();
    expect(first.last()).toMatchObject({ step: 'uploading', nextSegment: 2 });
    await adapter().publish(
      jobFor(file, { state: first.last() }),
      recordingContext(tokens.get).context,
    );
    expect(onlyTweet().sha256).toBe(file.sha256);
    expect(emulator.state.media.size).toBe(1);
  });

  it('sends the last segment again when the step saved after it was lost: one post', async () => {
    const file = video(100 * KiB);
    const tokens = tokenProvider(emulator.state.tokens, 'u');
    // The only segment reached X; the process died before its step was saved.
    const first = abortedAfterSave(tokens.get, 2);
    await expect(adapter().publish(jobFor(file), first.context)).rejects.toThrow();
    expect(first.states[0]).toMatchObject({ step: 'uploading', nextSegment: 0 });
    expect(routes('x.media.append')).toHaveLength(1);
    await adapter().publish(
      jobFor(file, { state: first.states[0] }),
      recordingContext(tokens.get).context,
    );
    expect(routes('x.media.append')).toHaveLength(2);
    expect(onlyTweet().sha256).toBe(file.sha256);
  });

  it('reads public metrics', async () => {
    const tokens = tokenProvider(emulator.state.tokens, 'u');
    const result = await adapter().publish(
      jobFor(video(10 * KiB)),
      recordingContext(tokens.get).context,
    );
    onlyTweet().publicMetrics = { impression_count: 50, like_count: 4, retweet_count: 1 };
    expect(
      await adapter().metrics(publishedPost(result).trackingId, { getAccessToken: tokens.get }),
    ).toEqual({
      impressions: 50,
      views: 50,
      likes: 4,
      comments: undefined,
      shares: 1,
      saves: undefined,
    });
  });

  it('asks for the scaled-down variant of a 1080x1920 video', () => {
    const problems = adapter().validate(files.make(10), { caption: 'hi', privacy: 'public' });
    expect(problems).toEqual([expect.objectContaining({ field: 'dimensions' })]);
  });
});
