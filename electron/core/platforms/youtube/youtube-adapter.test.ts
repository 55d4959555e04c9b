import { describe, expect, it } from 'vitest';
import { googleError, googleFaults } from '../../../../emulators/google/google-error-bodies';
import {
  startYouTubeEmulator,
  type YouTubeEmulator,
} from '../../../../emulators/youtube/youtube-emulator';
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
import { YouTubeAdapter } from './youtube-adapter';

const KiB = 1024;
let emulator: YouTubeEmulator;
let files: TempVideos;
emulatorPerTest(startYouTubeEmulator, (fresh) => ({ emulator, files } = fresh));

const adapter = () =>
  new YouTubeAdapter({
    endpoints: endpointsAt('youtube', emulator),
    runtime: fastRuntime,
    chunkBytes: 256 * KiB,
  });
const chunkRequests = () => emulator.requests.filter((r) => r.route === 'youtube.upload.chunk');
const onlyVideo = () => onlyOne(emulator.state.videos);
const sessionGone = {
  type: 'status' as const,
  status: 404,
  body: googleError(404, 'notFound', 'Upload session not found or expired.'),
};

describe('YouTube adapter against the emulator', () => {
  it('uploads in 256 KiB chunks, persisting the session before the first byte', async () => {
    const video = files.make(1024 * KiB + 1000);
    const tokens = tokenProvider(emulator.state.tokens, 'channel-1');
    let chunksAtFirstSave = -1;
    const run = recordingContext(tokens.get, {
      onSave: (_state, index) => {
        if (index === 0) chunksAtFirstSave = chunkRequests().length;
      },
    });
    const result = await adapter().publish(
      jobFor(video, {}, { privacy: 'unlisted', madeForKids: true, tags: ['a'] }),
      run.context,
    );
    expect(chunksAtFirstSave).toBe(0);
    expect(run.states[0]).toMatchObject({ step: 'uploading', session: { offset: 0 } });
    expect(chunkRequests()).toHaveLength(5);
    const posted = onlyVideo();
    expect(result).toMatchObject({ state: 'published', platformPostId: posted.id });
    expect(posted.sha256).toBe(video.sha256);
    expect(posted.status).toEqual({ privacyStatus: 'unlisted', selfDeclaredMadeForKids: true });
    expect(posted.snippet).toMatchObject({ title: 'A short title', tags: ['a'] });
    const sent = run.progress.map((p) => p.sentBytes);
    expect(sent).toEqual([...sent].sort((a, b) => a - b));
    expect(run.progress.at(-1)).toMatchObject({ phase: 'done', sentBytes: video.sizeBytes });
    expect(run.last()).toEqual({ step: 'uploaded', videoId: posted.id, privacyStatus: 'unlisted' });
  });

  it('retries a chunk answered with 5xx and completes', async () => {
    const video = files.make(900 * KiB);
    emulator.faults.arm('youtube.upload.chunk', googleFaults.serverError, 1, 2);
    const run = recordingContext(tokenProvider(emulator.state.tokens, 'c').get);
    await adapter().publish(jobFor(video), run.context);
    expect(onlyVideo().sha256).toBe(video.sha256);
    // 4 chunks, the failed third one again, and the probe before it.
    expect(chunkRequests()).toHaveLength(6);
  });

  it('resumes from the server offset after a connection dropped mid-chunk', async () => {
    const video = files.make(1024 * KiB);
    emulator.faults.arm('youtube.upload.chunk', { type: 'drop', afterBytes: 100 * KiB }, 1, 1);
    const run = recordingContext(tokenProvider(emulator.state.tokens, 'c').get);
    await adapter().publish(jobFor(video), run.context);
    expect(onlyVideo().sha256).toBe(video.sha256);
    // 4 chunks, one of them sent twice, plus the `bytes */TOTAL` probe after the drop.
    expect(chunkRequests()).toHaveLength(6);
  });

  it('classifies 429 as rate with Retry-After, then resumes from the saved state', async () => {
    const video = files.make(700 * KiB);
    emulator.faults.arm('youtube.upload.chunk', googleFaults.rateLimited(7), 1, 1);
    const tokens = tokenProvider(emulator.state.tokens, 'c');
    const first = recordingContext(tokens.get);
    const error = await failure(adapter().publish(jobFor(video), first.context));
    expect(error).toMatchObject({ kind: 'rate', retryAfterMs: 7000, status: 429 });
    expect(error.message).toMatch(/limiting requests.*waits 7 s/);
    expect(emulator.state.videos.size).toBe(0);
    const second = recordingContext(tokens.get);
    await adapter().publish(jobFor(video, { state: first.last() }), second.context);
    expect(onlyVideo().sha256).toBe(video.sha256);
    expect(emulator.state.uploads.sessions.size).toBe(1);
  });

  it('refreshes an expired token once and carries on', async () => {
    const video = files.make(800 * KiB);
    const tokens = tokenProvider(emulator.state.tokens, 'c');
    const run = recordingContext(tokens.get, {
      onSave: (_s, index) => {
        if (index === 1) emulator.state.tokens.expireAll();
      },
    });
    await adapter().publish(jobFor(video), run.context);
    expect(tokens.calls.forced).toBe(1);
    expect(onlyVideo().sha256).toBe(video.sha256);
  });

  it('reports an invalid grant as auth needing reconnection', async () => {
    const video = files.make(300 * KiB);
    const tokens = tokenProvider(emulator.state.tokens, 'c');
    emulator.state.tokens.revokeAccount('c');
    const error = await failure(
      adapter().publish(jobFor(video), recordingContext(tokens.get).context),
    );
    expect(error).toMatchObject({ kind: 'auth', reconnect: true, reason: 'invalid_grant' });
    expect(error.message).toMatch(/Reconnect the account/);
    expect(tokens.calls.forced).toBe(1);
  });

  it('stops on quotaExceeded until midnight Pacific', async () => {
    const video = files.make(300 * KiB);
    emulator.state.quota.used = emulator.state.quota.limit;
    const error = await failure(
      adapter().publish(
        jobFor(video),
        recordingContext(tokenProvider(emulator.state.tokens, 'c').get).context,
      ),
    );
    expect(error).toMatchObject({ kind: 'rate', reason: 'quotaExceeded', status: 403 });
    expect(error.retryAfterMs).toBeGreaterThan(0);
    expect(error.retryAfterMs).toBeLessThanOrEqual(25 * 3_600_000);
    expect(emulator.requests.filter((r) => r.route === 'youtube.upload.start')).toHaveLength(1);
  });

  it('fails rejected content without retrying', async () => {
    const video = files.make(300 * KiB);
    const tokens = tokenProvider(emulator.state.tokens, 'c');
    const bad = await failure(
      adapter().publish(
        jobFor(video, {}, { title: '<b>bad</b>' }),
        recordingContext(tokens.get).context,
      ),
    );
    expect(bad).toMatchObject({ kind: 'content', reason: 'invalidTitle' });
    expect(emulator.requests.filter((r) => r.route === 'youtube.upload.start')).toHaveLength(1);

    emulator.state.rejectNextUpload = 'duplicate';
    const rejected = await failure(
      adapter().publish(jobFor(video), recordingContext(tokens.get).context),
    );
    expect(rejected.kind).toBe('content');
    expect(rejected.message).toMatch(/rejected the video \(duplicate\)/);
  });

  it('polls while processing is slow, until the video is processed', async () => {
    const video = files.make(300 * KiB);
    emulator.state.processingPolls = 4;
    const result = await adapter().publish(
      jobFor(video),
      recordingContext(tokenProvider(emulator.state.tokens, 'c').get).context,
    );
    expect(result.state).toBe('published');
    expect(emulator.requests.filter((r) => r.route === 'youtube.videos.list')).toHaveLength(5);
  });

  it('continues an aborted upload from the saved session: one video, the same bytes', async () => {
    const video = files.make(1500 * KiB);
    const tokens = tokenProvider(emulator.state.tokens, 'c');
    const first = abortedAfterSave(tokens.get, 2);
    await expect(adapter().publish(jobFor(video), first.context)).rejects.toThrow();
    expect(emulator.state.videos.size).toBe(0);
    const saved = first.last();
    expect(saved).toMatchObject({ step: 'uploading', session: { offset: 512 * KiB } });
    const second = recordingContext(tokens.get);
    await adapter().publish(jobFor(video, { state: saved }), second.context);
    expect(onlyVideo().sha256).toBe(video.sha256);
    expect(emulator.state.uploads.sessions.size).toBe(1);
    // Resumed from the server's offset, not from zero.
    expect(
      second.progress.find((p) => p.phase === 'uploading' && p.sentBytes > 0)?.sentBytes,
    ).toBeGreaterThanOrEqual(512 * KiB);
  });

  it('starts a new session when the old one expired (404)', async () => {
    const video = files.make(800 * KiB);
    const run = recordingContext(tokenProvider(emulator.state.tokens, 'c').get, {
      onSave: (_s, index) => {
        if (index === 1) emulator.state.uploads.expireAll();
      },
    });
    await adapter().publish(jobFor(video), run.context);
    expect(onlyVideo().sha256).toBe(video.sha256);
    expect(emulator.state.uploads.sessions.size).toBe(2);
  });

  it('looks for the video before a new session when the session is gone after the final chunk', async () => {
    const video = files.make(600 * KiB);
    const tokens = tokenProvider(emulator.state.tokens, 'channel-1');
    // The final chunk creates the video, its answer is lost, and the session is gone after it.
    emulator.faults.arm('youtube.upload.chunk', { type: 'loseAnswer' }, 1, 2);
    emulator.faults.arm('youtube.upload.chunk', sessionGone, 2);
    const patient = new YouTubeAdapter({
      endpoints: endpointsAt('youtube', emulator),
      runtime: { ...fastRuntime, lookupSettleMs: 60_000 },
      chunkBytes: 256 * KiB,
    });
    const first = recordingContext(tokens.get);
    const error = await failure(patient.publish(jobFor(video), first.context));
    expect(error).toMatchObject({ kind: 'unknown', reason: 'lookup_settling' });
    expect(first.states[first.markers[0]!]).toMatchObject({
      step: 'uploading',
      session: { finalAt: expect.any(Number) },
    });
    const again = await adapter().publish(
      jobFor(video, { state: first.last() }),
      recordingContext(tokens.get).context,
    );
    expect(publishedPost(again).platformPostId).toBe(onlyVideo().id);
    expect(emulator.state.uploads.sessions.size).toBe(1);
    expect(emulator.requests.filter((r) => r.route === 'youtube.search')).toHaveLength(1);
  });

  it('uploads again in a new session only when the channel proves the video absent', async () => {
    const video = files.make(600 * KiB);
    const tokens = tokenProvider(emulator.state.tokens, 'channel-1');
    emulator.faults.arm('youtube.upload.chunk', { type: 'drop' }, 1, 2);
    emulator.faults.arm('youtube.upload.chunk', sessionGone, 1);
    await adapter().publish(jobFor(video), recordingContext(tokens.get).context);
    expect(emulator.requests.filter((r) => r.route === 'youtube.search')).toHaveLength(1);
    expect(onlyVideo().sha256).toBe(video.sha256);
    expect(emulator.state.uploads.sessions.size).toBe(2);
  });

  it('fails a video whose processing failed or was terminated', async () => {
    const tokens = tokenProvider(emulator.state.tokens, 'channel-1');
    emulator.state.processingPolls = 50;
    const result = await adapter().publish(
      jobFor(files.make(300 * KiB)),
      recordingContext(tokens.get).context,
    );
    expect(result.state).toBe('processing');
    onlyVideo().processingFailure = 'terminated';
    const status = await adapter().status(onlyVideo().id, { getAccessToken: tokens.get });
    expect(status).toMatchObject({ state: 'failed', kind: 'content' });
    expect(status.state === 'failed' && status.message).toMatch(
      /could not process the video \(terminated/,
    );
  });

  it('reads metrics, leaving what YouTube does not report undefined', async () => {
    const video = files.make(300 * KiB);
    const tokens = tokenProvider(emulator.state.tokens, 'c');
    const result = await adapter().publish(jobFor(video), recordingContext(tokens.get).context);
    onlyVideo().statistics = { viewCount: '42', commentCount: '3' };
    const metrics = await adapter().metrics(publishedPost(result).trackingId, {
      getAccessToken: tokens.get,
    });
    expect(metrics).toEqual({ views: 42, likes: undefined, comments: 3 });
    expect(metrics.shares).toBeUndefined();
  });

  it('says so when an unverified project kept the video private', async () => {
    emulator.state.verifiedProject = false;
    const result = await adapter().publish(
      jobFor(files.make(300 * KiB)),
      recordingContext(tokenProvider(emulator.state.tokens, 'c').get).context,
    );
    expect(onlyVideo().status.privacyStatus).toBe('private');
    expect(publishedPost(result).notices?.[0]).toMatch(
      /kept the video private instead of public.*not verified/,
    );
  });

  it('validates titles and captions before uploading', () => {
    const problems = adapter().validate(files.make(10), {
      title: 'x'.repeat(101),
      caption: 'ok',
      privacy: 'public',
    });
    expect(problems.map((p) => p.field)).toEqual(['title']);
  });
});
