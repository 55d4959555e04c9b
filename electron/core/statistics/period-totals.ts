import type {
  EngagementTotals,
  PeriodTotals,
  PostTotals,
  RenderTotals,
} from '../../../shared/domain/statistics';
import type { PostRollupCounters, RenderRollupCounters } from '../db/schema';

export const metricColumns = ['views', 'likes', 'comments', 'shares', 'saves'] as const;
export type MetricColumn = (typeof metricColumns)[number];

/** Rollup sums as the contract gives them: a metric no post reported is null, not 0. */

export function emptyPostCounters(): PostRollupCounters {
  return {
    posts: 0,
    succeeded: 0,
    failed: 0,
    pending: 0,
    settled_attempts: 0,
    retries: 0,
    views: 0,
    views_posts: 0,
    likes: 0,
    likes_posts: 0,
    comments: 0,
    comments_posts: 0,
    shares: 0,
    shares_posts: 0,
    saves: 0,
    saves_posts: 0,
    rated_views: 0,
    rated_interactions: 0,
  };
}

export function emptyRenderCounters(): RenderRollupCounters {
  return { videos: 0, rendered: 0, failed: 0, render_ms: 0, timed: 0 };
}

/** Adds `row`'s counters into `into` (only the counter keys of `into`). */
export function addCounters<C extends object>(into: C, row: C): C {
  const target = into as Record<string, number>;
  const source = row as Record<string, number>;
  for (const key of Object.keys(target)) target[key] = (target[key] ?? 0) + (source[key] ?? 0);
  return into;
}

export function postTotals(c: PostRollupCounters): PostTotals {
  return {
    succeeded: c.succeeded,
    failed: c.failed,
    pending: c.pending,
    settledAttempts: c.settled_attempts,
    retries: c.retries,
  };
}

export function engagementTotals(c: PostRollupCounters): EngagementTotals {
  const metric = (name: MetricColumn) => ({
    sum: c[`${name}_posts`] > 0 ? c[name] : null,
    posts: c[`${name}_posts`],
  });
  return {
    views: metric('views'),
    likes: metric('likes'),
    comments: metric('comments'),
    shares: metric('shares'),
    saves: metric('saves'),
    ratedViews: c.rated_views,
    ratedInteractions: c.rated_interactions,
  };
}

export function renderTotals(c: RenderRollupCounters): RenderTotals {
  return { rendered: c.rendered, failed: c.failed, renderMs: c.render_ms, timed: c.timed };
}

export function periodTotals(
  posts: PostRollupCounters,
  renders: RenderRollupCounters | null,
): PeriodTotals {
  return {
    renders: renders ? renderTotals(renders) : null,
    posts: postTotals(posts),
    engagement: engagementTotals(posts),
  };
}

/** Picks the counters out of a summed row (which also holds its group's keys). */
export function postCountersOf(row: PostRollupCounters): PostRollupCounters {
  return addCounters(emptyPostCounters(), row);
}

export function renderCountersOf(row: RenderRollupCounters): RenderRollupCounters {
  return addCounters(emptyRenderCounters(), row);
}
