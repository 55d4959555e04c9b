import type {
  PostOutcome,
  PostRollupCounters,
  RenderRollupCounters,
  StatsPostFactRow,
  StatsRenderFactRow,
} from '../db/schema';
import { emptyPostCounters, metricColumns, type MetricColumn } from './period-totals';
import { bucketsOf } from './zoned-buckets';

/**
 * What a post or a render counts for, worked out from its raw rows alone, so the recorder (as
 * events happen) and the rebuild (over the whole history) cannot disagree. Counters are what a
 * fact adds to its rollup rows; a change of a fact moves its counters from the old rows to the
 * new ones.
 */

/** A post target as the raw tables hold it, with its video's config. */
export interface RawTarget {
  id: string;
  video_id: string;
  platform: string;
  account_id: string;
  config_id: string | null;
  state: string;
  attempts: number;
  manual_retries: number;
  created_at: number;
  updated_at: number;
  published_at: number | null;
}

/** A post's newest metrics reading. */
export interface RawReading {
  at: number;
  views: number | null;
  likes: number | null;
  comments: number | null;
  shares: number | null;
  saves: number | null;
}

export interface RawRunVideo {
  id: string;
  config_id: string;
  state: string;
  render_ms: number | null;
  created_at: number;
  finished_at: number | null;
}

function bucketColumns(at: number, timeZone: string) {
  const b = bucketsOf(at, timeZone);
  return {
    hour_bucket: b.hour,
    day_bucket: b.day,
    week_bucket: b.week,
    month_bucket: b.month,
    weekday: b.weekday,
    hour_of_day: b.hourOfDay,
  };
}

/**
 * A published post counts when it went live, a failed one when it failed, and one still on its
 * way (waiting, uploading, processing, being verified) when it was created.
 */
function outcomeOf(target: RawTarget): { outcome: PostOutcome; at: number } {
  if (target.state === 'success') {
    return { outcome: 'succeeded', at: target.published_at ?? target.updated_at };
  }
  if (target.state === 'failed') return { outcome: 'failed', at: target.updated_at };
  return { outcome: 'pending', at: target.created_at };
}

/**
 * The post's fact. Its reading is the newest one in the raw tables, unless the fact already
 * holds a newer one: retention thinned or deleted the history, and the post's figures stay
 * what they were (docs/statistics.md, "Retention").
 */
export function postFact(
  target: RawTarget,
  reading: RawReading | null,
  stored: Pick<StatsPostFactRow, 'metrics_at' | MetricColumn> | null,
  timeZone: string,
): StatsPostFactRow {
  const { outcome, at } = outcomeOf(target);
  const kept =
    stored !== null &&
    stored.metrics_at !== null &&
    (reading === null || reading.at < stored.metrics_at);
  const source = kept ? { ...stored, at: stored.metrics_at } : reading;
  return {
    target_id: target.id,
    video_id: target.video_id,
    platform: target.platform,
    account_id: target.account_id,
    config_id: target.config_id ?? '',
    outcome,
    at,
    // A retry by hand starts the attempts again: each earlier round counts as one attempt.
    attempts: target.attempts + target.manual_retries,
    views: source?.views ?? null,
    likes: source?.likes ?? null,
    comments: source?.comments ?? null,
    shares: source?.shares ?? null,
    saves: source?.saves ?? null,
    metrics_at: source?.at ?? null,
    ...bucketColumns(at, timeZone),
  };
}

/** The same fact bucketed in another zone. */
export function rebucketPostFact(fact: StatsPostFactRow, timeZone: string): StatsPostFactRow {
  return { ...fact, ...bucketColumns(fact.at, timeZone) };
}

/** A rendered or failed video counts when it finished; a video on its way counts for nothing. */
export function renderFact(video: RawRunVideo, timeZone: string): StatsRenderFactRow | null {
  if (video.state !== 'rendered' && video.state !== 'failed') return null;
  const at = video.finished_at ?? video.created_at;
  const { weekday: _w, hour_of_day: _h, ...buckets } = bucketColumns(at, timeZone);
  return {
    run_video_id: video.id,
    config_id: video.config_id,
    outcome: video.state,
    at,
    render_ms: video.state === 'rendered' ? video.render_ms : null,
    ...buckets,
  };
}

export function rebucketRenderFact(fact: StatsRenderFactRow, timeZone: string): StatsRenderFactRow {
  const { weekday: _w, hour_of_day: _h, ...buckets } = bucketColumns(fact.at, timeZone);
  return { ...fact, ...buckets };
}

const interactionColumns = ['likes', 'comments', 'shares', 'saves'] as const;

export function postCounters(fact: StatsPostFactRow): PostRollupCounters {
  const published = fact.outcome === 'succeeded';
  const value = (column: MetricColumn) => (published ? fact[column] : null);
  const reported = interactionColumns.filter((column) => value(column) !== null);
  const views = value('views');
  // Rated: the post reports views and at least one interaction, so its rate means something.
  const rated = views !== null && views > 0 && reported.length > 0;
  const counters: PostRollupCounters = {
    ...emptyPostCounters(),
    posts: 1,
    succeeded: published ? 1 : 0,
    failed: fact.outcome === 'failed' ? 1 : 0,
    pending: fact.outcome === 'pending' ? 1 : 0,
    // A post refused before its upload (a caption too long, a disconnected account) was still
    // tried once: without it, "Attempts per post" could read below 1.0.
    settled_attempts: fact.outcome === 'pending' ? 0 : Math.max(fact.attempts, 1),
    retries: Math.max(fact.attempts - 1, 0),
    rated_views: rated ? (views ?? 0) : 0,
    rated_interactions: rated ? reported.reduce((sum, column) => sum + (value(column) ?? 0), 0) : 0,
  };
  for (const column of metricColumns) {
    const v = value(column);
    if (v === null) continue;
    counters[column] = v;
    counters[`${column}_posts`] = 1;
  }
  return counters;
}

export function renderCounters(fact: StatsRenderFactRow): RenderRollupCounters {
  const rendered = fact.outcome === 'rendered';
  const timed = rendered && fact.render_ms !== null;
  return {
    videos: 1,
    rendered: rendered ? 1 : 0,
    failed: rendered ? 0 : 1,
    render_ms: timed ? (fact.render_ms ?? 0) : 0,
    timed: timed ? 1 : 0,
  };
}

/** `a - b`, key by key; null when nothing changes. */
export function difference<C extends object>(a: C, b: C): C | null {
  const out = {} as Record<string, number>;
  let changed = false;
  for (const key of Object.keys(a)) {
    const delta = (a as Record<string, number>)[key]! - (b as Record<string, number>)[key]!;
    out[key] = delta;
    if (delta !== 0) changed = true;
  }
  return changed ? (out as C) : null;
}

export function negate<C extends object>(counters: C): C {
  const out = {} as Record<string, number>;
  for (const [key, value] of Object.entries(counters)) out[key] = -(value as number);
  return out as C;
}
