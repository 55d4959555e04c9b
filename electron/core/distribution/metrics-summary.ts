import type { MetricsSummary, MetricsTotals } from '../../../shared/domain/distribution';
import type { DistributionTargetRow, PostMetricsRow } from '../db/schema';
import type { DistributionRepository } from './distribution-repository';

/** The latest reading of every published post, summed per platform, account and video. */
export async function summarizeMetrics(
  repository: DistributionRepository,
): Promise<MetricsSummary> {
  const targets = await repository.publishedTargets();
  const latest = await repository.latestMetrics(targets.map((t) => t.id));
  const sum = <K extends string>(key: (t: DistributionTargetRow) => K) => {
    const totals = new Map<K, MetricsTotals>();
    for (const target of targets) {
      const k = key(target);
      const into = totals.get(k) ?? emptyTotals();
      into.posts += 1;
      addMetrics(into, latest.get(target.id));
      totals.set(k, into);
    }
    return [...totals.entries()];
  };
  return {
    byPlatform: sum((t) => t.platform).map(([platform, totals]) => ({ platform, ...totals })),
    byAccount: sum((t) => t.account_id).map(([accountId, totals]) => ({ accountId, ...totals })),
    byVideo: sum((t) => t.video_id).map(([videoId, totals]) => ({ videoId, ...totals })),
  };
}

const metricKeys = ['views', 'likes', 'comments', 'shares', 'saves'] as const;

function emptyTotals(): MetricsTotals {
  return { posts: 0, views: null, likes: null, comments: null, shares: null, saves: null };
}

/** Adds one reading; a value no post reported stays null rather than becoming 0. */
function addMetrics(into: MetricsTotals, row: PostMetricsRow | undefined): void {
  if (!row) return;
  for (const key of metricKeys) {
    const value = row[key];
    if (value !== null) into[key] = (into[key] ?? 0) + value;
  }
}
