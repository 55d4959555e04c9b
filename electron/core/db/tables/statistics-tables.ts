import type { Grain } from '../../../../shared/domain/statistics';

export interface StatsStateTable {
  id: number;
  time_zone: string;
  built_at: number | null;
  rebuild_job_id: string | null;
  rebuild_error: string | null;
}

export type PostOutcome = 'succeeded' | 'failed' | 'pending';

/** Bucket starts of an instant in the rollups' zone, and its local weekday and hour. */
export interface BucketColumns {
  hour_bucket: number;
  day_bucket: number;
  week_bucket: number;
  month_bucket: number;
}

/** What one post target counts for in the rollups. */
export interface StatsPostFactsTable extends BucketColumns {
  target_id: string;
  video_id: string;
  platform: string;
  account_id: string;
  config_id: string;
  outcome: PostOutcome;
  at: number;
  attempts: number;
  views: number | null;
  likes: number | null;
  comments: number | null;
  shares: number | null;
  saves: number | null;
  metrics_at: number | null;
  weekday: number;
  hour_of_day: number;
}

/** What one finished render counts for. */
export interface StatsRenderFactsTable extends BucketColumns {
  run_video_id: string;
  config_id: string;
  outcome: 'rendered' | 'failed';
  at: number;
  render_ms: number | null;
}

export interface PostRollupCounters {
  posts: number;
  succeeded: number;
  failed: number;
  pending: number;
  settled_attempts: number;
  retries: number;
  views: number;
  views_posts: number;
  likes: number;
  likes_posts: number;
  comments: number;
  comments_posts: number;
  shares: number;
  shares_posts: number;
  saves: number;
  saves_posts: number;
  rated_views: number;
  rated_interactions: number;
}

export interface StatsPostRollupsTable extends PostRollupCounters {
  grain: Grain;
  bucket: number;
  platform: string;
  account_id: string;
  config_id: string;
}

export interface RenderRollupCounters {
  videos: number;
  rendered: number;
  failed: number;
  render_ms: number;
  timed: number;
}

export interface StatsRenderRollupsTable extends RenderRollupCounters {
  grain: Grain;
  bucket: number;
  config_id: string;
}
