import { describe, expect, it } from 'vitest';
import type { VideoFacts } from './platform-adapter';
import { checkVideoRules, rulesFor } from './video-rules';

const video: VideoFacts = {
  path: '/v.mp4',
  sizeBytes: 20 * 1024 * 1024,
  durationSec: 45,
  width: 1080,
  height: 1920,
  fps: 30,
  mimeType: 'video/mp4',
};
const settings = { caption: 'hello', privacy: 'public' as const, title: 'Title' };

describe('video rules', () => {
  it('accepts a typical vertical short on every platform but X (which wants its variant)', () => {
    for (const platform of ['youtube', 'tiktok', 'instagram', 'facebook'] as const)
      expect(checkVideoRules(platform, rulesFor(platform), video, settings)).toEqual([]);
    expect(checkVideoRules('x', rulesFor('x'), video, settings).map((p) => p.field)).toEqual([
      'dimensions',
    ]);
  });

  it('lists every broken rule with what to do, and takes the configurable limits', () => {
    const problems = checkVideoRules(
      'instagram',
      rulesFor('instagram'),
      { ...video, durationSec: 2, sizeBytes: 400 * 1024 * 1024, fps: 120, mimeType: 'video/webm' },
      { ...settings, caption: 'x'.repeat(2201) },
    );
    expect(problems.map((p) => p.field)).toEqual([
      'format',
      'duration',
      'size',
      'frameRate',
      'caption',
    ]);
    expect(problems[2]?.message).toMatch(/at most 300 MB\. Render it at a lower bitrate/);
    // Newer X limits (20 min, 8 GB) through configuration.
    const newer = rulesFor('x', { maxDurationSec: 1200, maxSizeBytes: 8 * 1024 ** 3 });
    const long = { ...video, width: 720, height: 1280, durationSec: 600 };
    expect(checkVideoRules('x', rulesFor('x'), long, settings).map((p) => p.field)).toEqual([
      'duration',
    ]);
    expect(checkVideoRules('x', newer, long, settings)).toEqual([]);
  });
});
