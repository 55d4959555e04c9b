import type {
  DistributionTarget,
  DistributionVideo,
  VideoRun,
} from '../../../shared/domain/distribution';
import { platformNames } from '../../../shared/domain/platforms';
import type { StateLook } from '../components/badge';
import { formatBytes, formatCount, formatZonedDateTime } from '../format';

export const targetStates: Record<DistributionTarget['state'], StateLook> = {
  pending: { label: 'Waiting', tone: 'muted' },
  processing: { label: 'Uploading', tone: 'accent' },
  // Looking for a post that may exist: in progress, and not the usual upload.
  verifying: { label: 'Checking', tone: 'warning' },
  success: { label: 'Posted', tone: 'ok' },
  failed: { label: 'Failed', tone: 'danger' },
};

export const errorKindLabels: Record<NonNullable<DistributionTarget['errorKind']>, string> = {
  auth: 'Account access',
  rate: 'Rate limit',
  transient: 'Connection problem',
  content: 'Refused by the platform',
  unknown: 'Outcome unknown',
};

/** A run's time in the person's zone, short: "Nov 29 15:08" (with seconds: "Nov 29 15:08:42"). */
export function formatRunTime(at: number, timeZone: string, seconds = false): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    ...(seconds ? { second: '2-digit' } : {}),
    hourCycle: 'h23',
  }).formatToParts(new Date(at));
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? '';
  return `${part('month')} ${part('day')} ${part('hour')}:${part('minute')}${seconds ? `:${part('second')}` : ''}`;
}

/**
 * One name per run video, unique across runs: "Demo reel · Nov 29 15:08 · 1 of 3" (the config,
 * the run's time in the Settings zone, its place in the run). A video made by hand keeps its title.
 */
export function videoName(
  video: { title: string; run: VideoRun | null },
  timeZone: string,
  seconds = false,
): string {
  const run = video.run;
  if (!run || !run.configName) return video.title;
  const place = run.count > 1 ? ` · ${run.position + 1} of ${run.count}` : '';
  return `${run.configName} · ${formatRunTime(run.at, timeZone, seconds)}${place}`;
}

/**
 * The names of the videos shown together, each different: two runs in the same minute are told
 * apart by their seconds, and anything still alike by a number.
 */
export function uniqueVideoNames(
  videos: ReadonlyArray<{ id: string; title: string; run: VideoRun | null }>,
  timeZone: string,
): Map<string, string> {
  const count = (names: string[]) => {
    const seen = new Map<string, number>();
    for (const name of names) seen.set(name, (seen.get(name) ?? 0) + 1);
    return seen;
  };
  const short = videos.map((video) => videoName(video, timeZone));
  const shortCount = count(short);
  const names = videos.map((video, i) =>
    (shortCount.get(short[i]!) ?? 0) > 1 ? videoName(video, timeZone, true) : short[i]!,
  );
  const taken = count(names);
  const used = new Map<string, number>();
  return new Map(
    videos.map((video, i) => {
      const name = names[i]!;
      if ((taken.get(name) ?? 0) < 2) return [video.id, name];
      const n = (used.get(name) ?? 0) + 1;
      used.set(name, n);
      return [video.id, n === 1 ? name : `${name} (${n})`];
    }),
  );
}

/**
 * A video's state over its posts, said so that it is true: "Posted everywhere" only when every
 * one of several posts is out, "Posted on TikTok" for a single one, "2 of 5 posted" otherwise.
 */
export function videoStatusLook(video: DistributionVideo): StateLook {
  const targets = video.targets;
  const posted = targets.filter((t) => t.state === 'success').length;
  const failed = targets.filter((t) => t.state === 'failed').length;
  const only = targets.length === 1 ? targets[0] : undefined;
  if (targets.length === 0) return { label: 'No posts', tone: 'muted' };
  if (posted === targets.length)
    return {
      label: only ? `Posted on ${platformNames[only.platform]}` : 'Posted everywhere',
      tone: 'ok',
    };
  if (failed === targets.length)
    return { label: only ? 'Failed' : 'Every post failed', tone: 'danger' };
  if (posted + failed === targets.length)
    return { label: `${posted} of ${targets.length} posted, ${failed} failed`, tone: 'warning' };
  if (posted === 0 && targets.every((t) => t.state === 'pending'))
    return { label: 'Waiting', tone: 'muted' };
  return { label: `${posted} of ${targets.length} posted`, tone: 'accent' };
}

/** How far an upload is, in percent; null when nothing is being sent. */
export function uploadPercent(target: DistributionTarget): number | null {
  return target.state === 'processing' && target.phase === 'uploading' && target.totalBytes > 0
    ? Math.floor((target.sentBytes / target.totalBytes) * 100)
    : null;
}

/** The line under a post's state: progress, a wait (in the Settings zone), or nothing. */
export function progressLine(target: DistributionTarget, timeZone: string): string | null {
  if (target.state === 'processing') {
    const percent = uploadPercent(target);
    if (percent !== null) {
      return `Uploading ${percent}% (${formatBytes(target.sentBytes)} of ${formatBytes(target.totalBytes)})`;
    }
    if (target.phase === 'processing') return 'The platform is processing the video';
    if (target.phase === 'publishing') return 'Publishing';
    return 'Starting the upload';
  }
  if (target.state === 'verifying') {
    return `ReelPilot lost track of this post while it was being made (the answer never came, or the app stopped). It is checking whether it exists on ${platformNames[target.platform]} before it ever posts again.`;
  }
  if (target.state === 'pending' && target.waitingUntil !== null) {
    const why =
      target.notBefore !== null && target.waitingUntil <= target.notBefore
        ? 'moved there by you'
        : target.errorMessage?.replace(/^Waiting: /, '');
    return `Scheduled for ${formatZonedDateTime(target.waitingUntil, timeZone)}${why ? ` — ${why}` : ''}`;
  }
  return null;
}

/** "3 views", or what is known about a value the platform did not give. */
export function metricWords(value: number | null, one: string, many = `${one}s`): string {
  return value === null
    ? `${many} not reported`
    : `${formatCount(value)} ${value === 1 ? one : many}`;
}
