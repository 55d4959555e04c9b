import type { EngagementTotals, MetricName, PeriodTotals } from './statistics';

/**
 * The dashboard's key figures, defined once: the screen's cards and the CSV export read the
 * same values and the same changes against the previous period.
 */

/** (likes + comments + shares + saves) / views over the rated posts: weighted by views. */
export function engagementRate(engagement: EngagementTotals): number | null {
  return engagement.ratedViews > 0 ? engagement.ratedInteractions / engagement.ratedViews : null;
}

function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/**
 * How a figure is compared with the previous period: counts and averages by their relative
 * change, rates (fractions) by the difference in percentage points.
 */
export type KpiKind = 'count' | 'average' | 'duration' | 'rate';

export type KpiId =
  | 'postsSucceeded'
  | 'postsFailed'
  | 'postsPending'
  | 'distributionSuccess'
  | 'averageAttempts'
  | 'retries'
  | 'videosRendered'
  | 'videosFailed'
  | 'generationSuccess'
  | 'averageRenderMs'
  | MetricName
  | 'engagementRate';

export interface KpiDefinition {
  id: KpiId;
  label: string;
  kind: KpiKind;
  /** Which way is good news; null when neither is. */
  better: 'up' | 'down' | null;
  /** What the figure means, in one sentence (the card's description). */
  help: string;
  group: 'posting' | 'generation' | 'engagement';
  value(totals: PeriodTotals): number | null;
}

const metric = (name: MetricName, label: string): KpiDefinition => ({
  id: name,
  label,
  kind: 'count',
  better: 'up',
  help: `The latest ${name} of each post published in the period, summed.`,
  group: 'engagement',
  value: (t) => t.engagement[name].sum,
});

export const kpiDefinitions: readonly KpiDefinition[] = [
  {
    id: 'postsSucceeded',
    label: 'Posts published',
    kind: 'count',
    better: 'up',
    help: 'Posts that went live in the period.',
    group: 'posting',
    value: (t) => t.posts.succeeded,
  },
  {
    id: 'distributionSuccess',
    label: 'Posting success rate',
    kind: 'rate',
    better: 'up',
    help: 'Published posts out of the posts that finished (published or failed).',
    group: 'posting',
    value: (t) => ratio(t.posts.succeeded, t.posts.succeeded + t.posts.failed),
  },
  {
    id: 'postsFailed',
    label: 'Posts failed',
    kind: 'count',
    better: 'down',
    help: 'Posts that failed for good in the period and wait for a retry by hand.',
    group: 'posting',
    value: (t) => t.posts.failed,
  },
  {
    id: 'postsPending',
    label: 'Posts pending',
    kind: 'count',
    better: null,
    help: 'Posts created in the period that are not finished yet.',
    group: 'posting',
    value: (t) => t.posts.pending,
  },
  {
    id: 'averageAttempts',
    label: 'Attempts per post',
    kind: 'average',
    better: 'down',
    help: 'Upload attempts per finished post; 1.0 means every post went through at once.',
    group: 'posting',
    value: (t) => ratio(t.posts.settledAttempts, t.posts.succeeded + t.posts.failed),
  },
  {
    id: 'retries',
    label: 'Retries',
    kind: 'count',
    better: 'down',
    help: 'Upload attempts beyond the first, automatic or by hand.',
    group: 'posting',
    value: (t) => t.posts.retries,
  },
  {
    id: 'videosRendered',
    label: 'Videos rendered',
    kind: 'count',
    better: 'up',
    help: 'Videos the config runs rendered in the period.',
    group: 'generation',
    value: (t) => t.renders?.rendered ?? null,
  },
  {
    id: 'generationSuccess',
    label: 'Render success rate',
    kind: 'rate',
    better: 'up',
    help: 'Rendered videos out of the videos that finished rendering or failed.',
    group: 'generation',
    value: (t) =>
      t.renders ? ratio(t.renders.rendered, t.renders.rendered + t.renders.failed) : null,
  },
  {
    id: 'videosFailed',
    label: 'Renders failed',
    kind: 'count',
    better: 'down',
    help: 'Videos that could not be rendered after every attempt.',
    group: 'generation',
    value: (t) => t.renders?.failed ?? null,
  },
  {
    id: 'averageRenderMs',
    label: 'Average render time',
    kind: 'duration',
    better: 'down',
    help: 'Time spent rendering a video, on average.',
    group: 'generation',
    value: (t) => (t.renders ? ratio(t.renders.renderMs, t.renders.timed) : null),
  },
  metric('views', 'Views'),
  {
    id: 'engagementRate',
    label: 'Engagement rate',
    kind: 'rate',
    better: 'up',
    help: '(Likes + comments + shares + saves) ÷ views, weighted by views, over the posts that report views and interactions.',
    group: 'engagement',
    value: (t) => engagementRate(t.engagement),
  },
  metric('likes', 'Likes'),
  metric('comments', 'Comments'),
  metric('shares', 'Shares'),
  metric('saves', 'Saves'),
];

export function kpiDefinition(id: KpiId): KpiDefinition {
  const found = kpiDefinitions.find((kpi) => kpi.id === id);
  if (!found) throw new Error(`Unknown figure ${id}`);
  return found;
}

/** A figure's change against the previous period. */
export type KpiChange =
  /** Nothing to compare: either period has no value. */
  | { kind: 'none' }
  /** Nothing before, something now. */
  | { kind: 'new' }
  /** Relative change of a count or average (0.25 = +25 %), or rate difference in points. */
  | { kind: 'relative' | 'points'; delta: number; direction: 'up' | 'down' | 'same' };

export function kpiChange(kind: KpiKind, value: number | null, previous: number | null): KpiChange {
  if (value === null || previous === null) return { kind: 'none' };
  const direction = (delta: number) => (delta > 1e-9 ? 'up' : delta < -1e-9 ? 'down' : 'same');
  if (kind === 'rate') {
    const delta = (value - previous) * 100;
    return { kind: 'points', delta, direction: direction(delta) };
  }
  if (previous === 0)
    return value === 0 ? { kind: 'relative', delta: 0, direction: 'same' } : { kind: 'new' };
  const delta = (value - previous) / previous;
  return { kind: 'relative', delta, direction: direction(delta) };
}

/** Whether a change is good news, bad news or neither, for the card's colour. */
export function changeTone(
  definition: Pick<KpiDefinition, 'better'>,
  change: KpiChange,
): 'good' | 'bad' | 'neutral' {
  if (change.kind !== 'relative' && change.kind !== 'points') return 'neutral';
  if (change.direction === 'same' || definition.better === null) return 'neutral';
  return change.direction === definition.better ? 'good' : 'bad';
}

/** The change in words: "+25 %", "−3.1 pts", "new", "—". */
export function formatChange(change: KpiChange): string {
  switch (change.kind) {
    case 'none':
      return '—';
    case 'new':
      return 'new';
    case 'points': {
      const rounded = Math.round(change.delta * 10) / 10;
      if (rounded === 0) return '±0 pts';
      return `${rounded > 0 ? '+' : '−'}${Math.abs(rounded).toFixed(1)} pts`;
    }
    case 'relative': {
      const percent = change.delta * 100;
      const rounded = Math.abs(percent) < 10 ? Math.round(percent * 10) / 10 : Math.round(percent);
      if (rounded === 0) return '±0 %';
      return `${rounded > 0 ? '+' : '−'}${Math.abs(rounded)} %`;
    }
  }
}
