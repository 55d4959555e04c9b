import { describe, expect, it } from 'vitest';
import { FacebookAdapter } from './facebook/facebook-adapter';
import { InstagramAdapter } from './instagram/instagram-adapter';
import type { TextEditQuestion } from './platform-adapter';
import { TikTokAdapter } from './tiktok/tiktok-adapter';
import { XAdapter } from './x/x-adapter';
import { YouTubeAdapter } from './youtube/youtube-adapter';

/**
 * Where each platform takes a post's text, read from the saved upload state: an edit keeps the
 * upload when the text goes later, starts it over when the step that carried the text can never
 * become a post by itself, and is refused when the platform may have the post (docs/
 * distribution.md, "Editing a post").
 */
const MB = 1024 * 1024;
const ask = (state: unknown, refused = false, sizeBytes = 30 * MB): TextEditQuestion => ({
  state,
  refused,
  video: { sizeBytes },
});
const kindOf = (plan: { kind: string }) => plan.kind;

describe('text edit plans', () => {
  it('keeps nothing to keep: a post nothing was sent for may change on every platform', () => {
    for (const adapter of [
      new TikTokAdapter(),
      new YouTubeAdapter(),
      new InstagramAdapter(),
      new FacebookAdapter(),
      new XAdapter(),
    ])
      expect(kindOf(adapter.textEditPlan(ask(undefined)))).toBe('keep');
  });

  it('TikTok: starts over before the last chunk could have arrived, refuses after', () => {
    const tiktok = new TikTokAdapter();
    const uploading = (nextChunk: number) => ({
      step: 'uploading',
      publishId: 'p1',
      uploadUrl: 'https://open-upload.tiktokapis.com/upload/?id=1',
      chunkSize: 10_000_000,
      totalChunkCount: 3,
      nextChunk,
    });
    expect(kindOf(tiktok.textEditPlan(ask(uploading(1))))).toBe('restart');
    expect(tiktok.textEditPlan(ask(uploading(2)))).toMatchObject({
      kind: 'refuse',
      reason: expect.stringMatching(/may already have the whole video/),
    });
    expect(kindOf(tiktok.textEditPlan(ask({ step: 'uploaded', publishId: 'p1' })))).toBe('refuse');
    // TikTok said the publish failed: nothing was posted, the text may change.
    expect(kindOf(tiktok.textEditPlan(ask({ step: 'uploaded', publishId: 'p1' }, true)))).toBe(
      'restart',
    );
  });

  it('YouTube: a new session before the last chunk could have been sent; never once uploaded', () => {
    const youtube = new YouTubeAdapter({ chunkBytes: 8 * MB });
    const session = (offset: number) => ({
      step: 'uploading',
      session: {
        sessionUri: 'https://www.googleapis.com/upload/youtube/v3/videos?upload_id=1',
        offset,
      },
    });
    expect(kindOf(youtube.textEditPlan(ask(session(8 * MB))))).toBe('restart');
    expect(kindOf(youtube.textEditPlan(ask(session(24 * MB))))).toBe('refuse');
    expect(youtube.textEditPlan(ask({ step: 'uploaded', videoId: 'v1' }))).toMatchObject({
      kind: 'refuse',
      reason: expect.stringMatching(/already on YouTube/),
    });
  });

  it('Instagram: a new container while the video is sent; refused once publish may be asked', () => {
    const instagram = new InstagramAdapter();
    expect(
      kindOf(instagram.textEditPlan(ask({ step: 'container', containerId: 'c1', offset: 0 }))),
    ).toBe('restart');
    expect(kindOf(instagram.textEditPlan(ask({ step: 'uploaded', containerId: 'c1' })))).toBe(
      'refuse',
    );
    // The container ended in ERROR: it can never be published.
    expect(kindOf(instagram.textEditPlan(ask({ step: 'uploaded', containerId: 'c1' }, true)))).toBe(
      'restart',
    );
    expect(
      kindOf(instagram.textEditPlan(ask({ step: 'published', containerId: 'c1' }, true))),
    ).toBe('refuse');
  });

  it('Facebook: the description goes with the finish step, so the upload is kept until then', () => {
    const facebook = new FacebookAdapter();
    expect(kindOf(facebook.textEditPlan(ask({ step: 'started', videoId: 'v1', offset: 5 })))).toBe(
      'keep',
    );
    expect(kindOf(facebook.textEditPlan(ask({ step: 'uploaded', videoId: 'v1' })))).toBe('keep');
    expect(kindOf(facebook.textEditPlan(ask({ step: 'finished', videoId: 'v1' })))).toBe('refuse');
    expect(kindOf(facebook.textEditPlan(ask({ step: 'finished', videoId: 'v1' }, true)))).toBe(
      'restart',
    );
  });

  it('X: the text goes with the post request; an unknown outcome is never edited', () => {
    const x = new XAdapter();
    expect(kindOf(x.textEditPlan(ask({ step: 'processed', mediaId: 'm1' }, true)))).toBe('keep');
    expect(kindOf(x.textEditPlan(ask({ step: 'uploading', mediaId: 'm1', nextSegment: 2 })))).toBe(
      'keep',
    );
    // A content failure whose outcome is unknown: it may be posted.
    expect(x.textEditPlan(ask({ step: 'tweeting', mediaId: 'm1' }, true))).toMatchObject({
      kind: 'refuse',
      reason: expect.stringMatching(/may exist/),
    });
    expect(kindOf(x.textEditPlan(ask({ step: 'posted', mediaId: 'm1', tweetId: 't1' })))).toBe(
      'refuse',
    );
  });

  it('refuses a saved state it cannot read', () => {
    expect(new XAdapter().textEditPlan(ask({ step: 'teleported' }))).toMatchObject({
      kind: 'refuse',
      reason: expect.stringMatching(/cannot tell/),
    });
  });
});
