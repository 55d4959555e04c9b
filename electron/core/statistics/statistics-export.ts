import { stringify } from 'csv-stringify/sync';
import { platformNames, type PlatformId } from '../../../shared/domain/platforms';
import type {
  Dashboard,
  ExportFile,
  Grain,
  ResolvedPeriod,
  Timeseries,
} from '../../../shared/domain/statistics';
import {
  engagementRate,
  formatChange,
  kpiChange,
  kpiDefinitions,
} from '../../../shared/domain/statistics-kpis';
import { addDays } from '../time/zoned-time';
import type { TopPostRow } from './rollup-queries';
import { postEngagementRate } from './statistics-service';
import { wallDate } from './zoned-buckets';
import { wallTimeAt } from '../time/zoned-time';

type Cell = string | number | null;

/**
 * A cell a spreadsheet would run as a formula (it starts with =, +, -, @, a tab or a carriage
 * return) gets a leading apostrophe, which spreadsheets show as text (OWASP "CSV injection").
 * Numbers are written as numbers and never need it.
 */
export function spreadsheetSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csv(rows: Cell[][]): string {
  return stringify(rows, {
    cast: { string: spreadsheetSafe },
    record_delimiter: 'windows',
    bom: true,
  });
}

const two = (n: number) => String(n).padStart(2, '0');

function localTime(instant: number, timeZone: string): string {
  const w = wallTimeAt(instant, timeZone);
  return `${w.year}-${two(w.month)}-${two(w.day)} ${two(w.hour)}:${two(w.minute)}`;
}

function bucketLabel(start: number, grain: Grain, timeZone: string): string {
  if (grain === 'hour') return localTime(start, timeZone);
  const date = wallDate(start, timeZone);
  return grain === 'month' ? date.slice(0, 7) : date;
}

/** The days a period covers, both ends included: "2026-01-09 to 2026-01-15". */
function periodDays(period: ResolvedPeriod, start: number, end: number): string {
  if (period.grain === 'hour') {
    return `${localTime(start, period.timeZone)} to ${localTime(end, period.timeZone)}`;
  }
  return `${wallDate(start, period.timeZone)} to ${addDays(wallDate(end, period.timeZone), -1)}`;
}

function fileName(kind: string, period: ResolvedPeriod): string {
  const from = wallDate(period.start, period.timeZone);
  const to =
    period.grain === 'hour'
      ? wallDate(period.end - 1, period.timeZone)
      : addDays(wallDate(period.end, period.timeZone), -1);
  return `reelpilot-${kind}-${from}-to-${to}.csv`;
}

const percent = (value: number | null) =>
  value === null ? null : Math.round(value * 10_000) / 100;

function kpiCell(kind: string, value: number | null): Cell {
  if (value === null) return null;
  if (kind === 'rate') return percent(value);
  if (kind === 'duration') return Math.round(value / 100) / 10;
  if (kind === 'average') return Math.round(value * 100) / 100;
  return value;
}

const unitOf: Record<string, string> = { rate: ' (%)', duration: ' (s)' };

/**
 * The figures the Overview shows, as one CSV a spreadsheet opens: the key figures with the
 * previous period and the change, then the series, then the totals per platform and account.
 * An empty cell is a figure not reported (never 0).
 */
export function figuresCsv(
  dashboard: Dashboard,
  series: Timeseries,
  filtersText: string,
): ExportFile {
  const { period } = dashboard;
  const rows: Cell[][] = [
    ['ReelPilot statistics'],
    ['Period', periodDays(period, period.start, period.end)],
    ['Compared with', periodDays(period, period.previousStart, period.previousEnd)],
    ['Time zone', period.timeZone],
    ['Filters', filtersText],
    [],
    ['Figure', 'This period', 'Previous period', 'Change', 'Posts reporting'],
  ];
  for (const kpi of kpiDefinitions) {
    const value = kpi.value(dashboard.current);
    const previous = kpi.value(dashboard.previous);
    const coverage =
      kpi.group === 'engagement' && kpi.id !== 'engagementRate'
        ? dashboard.current.engagement[kpi.id as 'views'].posts
        : null;
    rows.push([
      `${kpi.label}${unitOf[kpi.kind] ?? ''}`,
      kpiCell(kpi.kind, value),
      kpiCell(kpi.kind, previous),
      formatChange(kpiChange(kpi.kind, value, previous)),
      coverage,
    ]);
  }
  rows.push(
    [],
    [
      series.grain === 'hour'
        ? 'Hour'
        : series.grain === 'month'
          ? 'Month'
          : series.grain === 'week'
            ? 'Week of'
            : 'Day',
      'Posts published',
      'Posts failed',
      'Posts pending',
      'Views',
      'Likes',
      'Comments',
      'Shares',
      'Saves',
      'Engagement rate (%)',
      'Videos rendered',
      'Renders failed',
    ],
  );
  for (const point of series.points) {
    const e = point.engagement;
    rows.push([
      bucketLabel(point.start, series.grain, period.timeZone),
      point.posts.succeeded,
      point.posts.failed,
      point.posts.pending,
      e.views.sum,
      e.likes.sum,
      e.comments.sum,
      e.shares.sum,
      e.saves.sum,
      percent(engagementRate(e)),
      point.renders?.rendered ?? null,
      point.renders?.failed ?? null,
    ]);
  }
  const groupHeader = [
    'Posts published',
    'Posts failed',
    'Views',
    'Likes',
    'Comments',
    'Shares',
    'Saves',
    'Engagement rate (%)',
  ];
  const groupCells = (g: Dashboard['byPlatform'][number]): Cell[] => [
    g.posts.succeeded,
    g.posts.failed,
    g.engagement.views.sum,
    g.engagement.likes.sum,
    g.engagement.comments.sum,
    g.engagement.shares.sum,
    g.engagement.saves.sum,
    percent(engagementRate(g.engagement)),
  ];
  rows.push([], ['Platform', ...groupHeader]);
  for (const group of dashboard.byPlatform)
    rows.push([platformNames[group.platform], ...groupCells(group)]);
  rows.push([], ['Account', 'Platform', ...groupHeader]);
  for (const group of dashboard.byAccount) {
    rows.push([
      group.handle ?? `(removed account ${group.accountId})`,
      platformNames[group.platform],
      ...groupCells(group),
    ]);
  }
  return {
    fileName: fileName('statistics', period),
    mimeType: 'text/csv',
    content: csv(rows),
    rows: rows.length,
  };
}

/** Every published post of the period with its latest figures, oldest first. */
export function postsCsv(period: ResolvedPeriod, posts: TopPostRow[]): ExportFile {
  const rows: Cell[][] = [
    [
      `Published (${period.timeZone})`,
      'Platform',
      'Account',
      'Title',
      'Link',
      'Views',
      'Likes',
      'Comments',
      'Shares',
      'Saves',
      'Engagement rate (%)',
    ],
  ];
  for (const post of posts) {
    rows.push([
      localTime(post.at, period.timeZone),
      platformNames[post.platform as PlatformId] ?? post.platform,
      post.handle ?? `(removed account ${post.account_id})`,
      post.title,
      post.url,
      post.views,
      post.likes,
      post.comments,
      post.shares,
      post.saves,
      percent(postEngagementRate(post)),
    ]);
  }
  return {
    fileName: fileName('posts', period),
    mimeType: 'text/csv',
    content: csv(rows),
    rows: posts.length,
  };
}
