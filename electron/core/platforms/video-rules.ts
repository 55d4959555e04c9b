import { platformNames, type PlatformId } from '../../../shared/domain/platforms';
import { checkPostText } from '../../../shared/domain/post-text';
import type { PostSettings, ValidationProblem, VideoFacts } from './platform-adapter';

/**
 * What each platform accepts (PLATFORMS.md). Numbers the platforms' own pages disagree on are
 * given here once and can be overridden per adapter (settings, or a future documentation change).
 */
export interface VideoRules {
  minDurationSec: number;
  maxDurationSec: number;
  maxSizeBytes: number;
  minFps?: number;
  maxFps?: number;
  /** The shorter side at least this many pixels. */
  minShortSide?: number;
  minWidth?: number;
  minHeight?: number;
  /** The video must fit in this box (X: 1280x1024, either orientation). */
  maxBox?: { width: number; height: number };
  /** Width/height ratio with a tolerance, e.g. 9:16 for Facebook Reels. */
  aspect?: { width: number; height: number; tolerance: number };
  formats: string[];
}

const MB = 1024 * 1024;
const GB = 1024 * MB;

export const defaultVideoRules: Record<PlatformId, VideoRules> = {
  youtube: {
    minDurationSec: 1,
    maxDurationSec: 12 * 3600,
    maxSizeBytes: 256 * GB,
    formats: ['video/mp4', 'video/quicktime', 'video/webm'],
  },
  tiktok: {
    minDurationSec: 3,
    maxDurationSec: 600,
    maxSizeBytes: 4 * GB,
    minFps: 23,
    maxFps: 60,
    minShortSide: 360,
    formats: ['video/mp4', 'video/quicktime', 'video/webm'],
  },
  instagram: {
    minDurationSec: 3,
    maxDurationSec: 15 * 60,
    maxSizeBytes: 300 * MB,
    minFps: 23,
    maxFps: 60,
    formats: ['video/mp4', 'video/quicktime'],
  },
  facebook: {
    minDurationSec: 3,
    maxDurationSec: 90,
    maxSizeBytes: 1 * GB,
    minFps: 24,
    maxFps: 60,
    minWidth: 540,
    minHeight: 960,
    aspect: { width: 9, height: 16, tolerance: 0.02 },
    formats: ['video/mp4', 'video/quicktime'],
  },
  // The older, stricter limits by default (0.5-140 s, 512 MB); paid tiers override them.
  x: {
    minDurationSec: 0.5,
    maxDurationSec: 140,
    maxSizeBytes: 512 * MB,
    maxFps: 60,
    maxBox: { width: 1280, height: 1024 },
    formats: ['video/mp4', 'video/quicktime'],
  },
};

export function rulesFor(platform: PlatformId, overrides: Partial<VideoRules> = {}): VideoRules {
  return { ...defaultVideoRules[platform], ...overrides };
}

function formatSize(bytes: number): string {
  return bytes >= GB ? `${(bytes / GB).toFixed(1)} GB` : `${Math.ceil(bytes / MB)} MB`;
}

function formatDuration(seconds: number): string {
  return seconds >= 120 ? `${Math.round(seconds / 60)} min` : `${seconds} s`;
}

/** Every rule the video or its text breaks, each with what to change. */
export function checkVideoRules(
  platform: PlatformId,
  rules: VideoRules,
  video: VideoFacts,
  settings: PostSettings,
): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const platformName = platformNames[platform];
  const on = `on ${platformName}`;
  if (!rules.formats.includes(video.mimeType))
    problems.push({
      field: 'format',
      message: `${video.mimeType} is not accepted ${on} (use ${rules.formats.join(', ')}).`,
    });
  if (video.durationSec < rules.minDurationSec || video.durationSec > rules.maxDurationSec)
    problems.push({
      field: 'duration',
      message: `The video lasts ${video.durationSec.toFixed(1)} s; ${platformName} accepts ${formatDuration(rules.minDurationSec)} to ${formatDuration(rules.maxDurationSec)}. Trim or extend it.`,
    });
  if (video.sizeBytes > rules.maxSizeBytes)
    problems.push({
      field: 'size',
      message: `The file is ${formatSize(video.sizeBytes)}; ${platformName} accepts at most ${formatSize(rules.maxSizeBytes)}. Render it at a lower bitrate.`,
    });
  if (
    (rules.minFps !== undefined && video.fps < rules.minFps) ||
    (rules.maxFps !== undefined && video.fps > rules.maxFps)
  )
    problems.push({
      field: 'frameRate',
      message: `The video runs at ${video.fps} fps; ${platformName} accepts ${rules.minFps ?? 1} to ${rules.maxFps ?? 120} fps. Render it at 30 fps.`,
    });
  const dimensions = `${video.width}x${video.height}`;
  if (rules.minShortSide !== undefined && Math.min(video.width, video.height) < rules.minShortSide)
    problems.push({
      field: 'dimensions',
      message: `${dimensions} is too small ${on}: the shorter side needs ${rules.minShortSide} px.`,
    });
  if (
    (rules.minWidth !== undefined && video.width < rules.minWidth) ||
    (rules.minHeight !== undefined && video.height < rules.minHeight)
  )
    problems.push({
      field: 'dimensions',
      message: `${dimensions} is too small ${on}: it needs at least ${rules.minWidth}x${rules.minHeight}.`,
    });
  if (rules.maxBox) {
    const { width, height } = rules.maxBox;
    const fits =
      (video.width <= width && video.height <= height) ||
      (video.width <= height && video.height <= width);
    if (!fits)
      problems.push({
        field: 'dimensions',
        message: `${dimensions} is larger than ${platformName} accepts (${width}x${height}); post the scaled-down variant ReelPilot renders for it.`,
      });
  }
  if (rules.aspect) {
    const expected = rules.aspect.width / rules.aspect.height;
    if (Math.abs(video.width / video.height - expected) > rules.aspect.tolerance)
      problems.push({
        field: 'dimensions',
        message: `${dimensions} is not ${rules.aspect.width}:${rules.aspect.height}, which ${platformName} requires; use a vertical template.`,
      });
  }
  // Text limits live in shared/ so that the editor counts against the same numbers.
  problems.push(
    ...checkPostText(platform, platformNames[platform], {
      title: settings.title,
      caption: settings.caption,
      tags: settings.tags,
    }),
  );
  return problems;
}
