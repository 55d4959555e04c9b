import { platformNames } from '../../../shared/domain/platforms';
import type {
  AccountGroup,
  BestTimes,
  EngagementTotals,
  PlatformGroup,
  Timeseries,
} from '../../../shared/domain/statistics';
import { engagementRate } from '../../../shared/domain/statistics-kpis';
import { formatCount } from '../format';
import type { ChartTheme } from './chart-theme';
import type { ChartOption } from './echarts-setup';
import { bucketLabel, bucketTitle, formatPercent, weekdayNames } from './labels';

/** Likes + comments + shares + saves of what was reported; null when none was. */
export function interactionsOf(engagement: EngagementTotals): number | null {
  const parts = [engagement.likes, engagement.comments, engagement.shares, engagement.saves];
  if (parts.every((part) => part.sum === null)) return null;
  return parts.reduce((sum, part) => sum + (part.sum ?? 0), 0);
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Axes, tooltip and text in the theme's colours. */
function frame(theme: ChartTheme) {
  const axis = {
    axisLine: { lineStyle: { color: theme.border } },
    axisTick: { lineStyle: { color: theme.border } },
    axisLabel: { color: theme.muted },
    splitLine: { lineStyle: { color: theme.border } },
  };
  return {
    axis,
    base: {
      color: theme.series,
      textStyle: { color: theme.text, fontFamily: theme.font },
      animation: false,
      tooltip: {
        backgroundColor: theme.panel,
        borderColor: theme.border,
        textStyle: { color: theme.text },
        confine: true,
      },
      legend: { textStyle: { color: theme.text }, top: 0 },
    },
  };
}

/** The words a screen reader gets for a chart (ECharts' own list of indices is no help). */
function aria(description: string) {
  return { enabled: true, label: { enabled: true, description } };
}

const counted = (value: number | null) => (value === null ? 'not reported' : formatCount(value));

type TooltipParam = { dataIndex: number };
const firstIndex = (params: unknown) =>
  (Array.isArray(params) ? (params[0] as TooltipParam) : (params as TooltipParam)).dataIndex;

/** Views and engagement bucket by bucket: two lines, zoomable when the period is long. */
export function seriesOption(series: Timeseries, theme: ChartTheme): ChartOption {
  const { axis, base } = frame(theme);
  const zone = series.period.timeZone;
  const points = series.points;
  const long = points.length > 31;
  const reported = points.filter((p) => p.engagement.views.sum !== null);
  const best = reported.reduce<(typeof points)[number] | null>(
    (top, p) => (top && (top.engagement.views.sum ?? 0) >= (p.engagement.views.sum ?? 0) ? top : p),
    null,
  );
  const total = (values: Array<number | null>) =>
    values.some((v) => v !== null) ? values.reduce<number>((a, v) => a + (v ?? 0), 0) : null;
  const label = (start: number) => bucketLabel(start, series.grain, zone);
  const description =
    `Views and engagement per ${series.grain}, ${points[0] ? label(points[0].start) : ''} to ` +
    `${points.at(-1) ? label(points.at(-1)!.start) : ''}. ` +
    (best
      ? `Views: ${counted(total(points.map((p) => p.engagement.views.sum)))} in all, the most on ` +
        `${label(best.start)} (${counted(best.engagement.views.sum)}); not reported in ` +
        `${points.length - reported.length} of ${points.length}. ` +
        `Engagement (likes, comments, shares and saves): ${counted(total(points.map((p) => interactionsOf(p.engagement))))} in all.`
      : 'No views were reported.');
  return {
    ...base,
    aria: aria(description),
    grid: { left: 56, right: 56, top: 36, bottom: long ? 64 : 28 },
    tooltip: {
      ...base.tooltip,
      trigger: 'axis',
      formatter: (params: unknown) => {
        const point = points[firstIndex(params)];
        if (!point) return '';
        const e = point.engagement;
        return [
          `<strong>${escape(bucketTitle(point.start, series.grain, zone))}</strong>`,
          `Views: ${formatCount(e.views.sum)}${e.views.sum === null ? ' (not reported)' : ''}`,
          `Engagement: ${formatCount(interactionsOf(e))}`,
          `Engagement rate: ${formatPercent(engagementRate(e))}`,
          `Posts published: ${point.posts.succeeded}`,
        ].join('<br>');
      },
    },
    legend: { ...base.legend, data: ['Views', 'Engagement'] },
    xAxis: {
      type: 'category',
      data: points.map((p) => bucketLabel(p.start, series.grain, zone)),
      ...axis,
      splitLine: { show: false },
    },
    yAxis: [
      { type: 'value', name: 'Views', nameTextStyle: { color: theme.muted }, ...axis },
      {
        type: 'value',
        name: 'Engagement',
        nameTextStyle: { color: theme.muted },
        ...axis,
        splitLine: { show: false },
      },
    ],
    dataZoom: long
      ? [
          { type: 'inside', start: 0, end: 100 },
          { type: 'slider', height: 20, bottom: 8, textStyle: { color: theme.muted } },
        ]
      : [{ type: 'inside' }],
    series: [
      {
        name: 'Views',
        type: 'line',
        showSymbol: points.length <= 31,
        connectNulls: false,
        data: points.map((p) => p.engagement.views.sum),
      },
      {
        name: 'Engagement',
        type: 'line',
        yAxisIndex: 1,
        showSymbol: points.length <= 31,
        connectNulls: false,
        data: points.map((p) => interactionsOf(p.engagement)),
      },
    ],
  };
}

/** Views and engagement per platform or account, as bars. */
export function groupsOption(
  groups: ReadonlyArray<{ label: string; group: PlatformGroup | AccountGroup }>,
  theme: ChartTheme,
  horizontal: boolean,
): ChartOption {
  const { axis, base } = frame(theme);
  const labels = groups.map((g) => g.label);
  const category = {
    type: 'category' as const,
    data: horizontal ? [...labels].reverse() : labels,
    ...axis,
    // Every platform or account is named, however tight.
    axisLabel: { ...axis.axisLabel, interval: 0 },
    splitLine: { show: false },
  };
  const order = <T>(values: T[]) => (horizontal ? [...values].reverse() : values);
  const value = { type: 'value' as const, ...axis };
  const description =
    `Views by ${horizontal ? 'account' : 'platform'}: ` +
    groups.map((g) => `${g.label} ${counted(g.group.engagement.views.sum)}`).join(', ') +
    '. Engagement: ' +
    groups.map((g) => `${g.label} ${counted(interactionsOf(g.group.engagement))}`).join(', ') +
    '.';
  return {
    ...base,
    aria: aria(description),
    grid: { left: horizontal ? 110 : 48, right: 24, top: 36, bottom: 28 },
    tooltip: {
      ...base.tooltip,
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const index = firstIndex(params);
        const entry = horizontal ? groups[groups.length - 1 - index] : groups[index];
        if (!entry) return '';
        const e = entry.group.engagement;
        return [
          `<strong>${escape(entry.label)}</strong>`,
          `Posts published: ${entry.group.posts.succeeded}`,
          `Views: ${formatCount(e.views.sum)}${e.views.sum === null ? ' (not reported)' : ''}`,
          `Engagement: ${formatCount(interactionsOf(e))}`,
          `Engagement rate: ${formatPercent(engagementRate(e))}`,
        ].join('<br>');
      },
    },
    legend: { ...base.legend, data: ['Views', 'Engagement'] },
    xAxis: horizontal ? value : category,
    yAxis: horizontal ? category : value,
    series: [
      {
        name: 'Views',
        type: 'bar',
        data: order(groups.map((g) => g.group.engagement.views.sum)),
      },
      {
        name: 'Engagement',
        type: 'bar',
        data: order(groups.map((g) => interactionsOf(g.group.engagement))),
      },
    ],
  };
}

export function platformBars(groups: PlatformGroup[], theme: ChartTheme): ChartOption {
  return groupsOption(
    groups.map((group) => ({ label: platformNames[group.platform], group })),
    theme,
    false,
  );
}

export function accountBars(groups: AccountGroup[], theme: ChartTheme): ChartOption {
  return groupsOption(
    groups.map((group) => ({
      label: group.handle ?? 'Removed account',
      group,
    })),
    theme,
    true,
  );
}

/** Average views by weekday (rows, Monday on top) and hour of publishing (columns). */
export function heatmapOption(best: BestTimes, theme: ChartTheme): ChartOption {
  const { axis, base } = frame(theme);
  const max = Math.max(1, ...best.cells.map((cell) => cell.averageViews));
  const hours = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'));
  const top = [...best.cells].sort((a, b) => b.averageViews - a.averageViews).slice(0, 3);
  const description =
    `Average views by weekday and hour of publishing, ${best.cells.length} hours with posts. ` +
    (top.length > 0
      ? 'Best: ' +
        top
          .map(
            (c) =>
              `${weekdayNames[c.weekday]} ${hours[c.hour]}:00 (${formatCount(Math.round(c.averageViews))} views on average, ${c.posts} ${c.posts === 1 ? 'post' : 'posts'})`,
          )
          .join('; ') +
        '.'
      : '');
  const { legend: _legend, ...withoutLegend } = base;
  return {
    ...withoutLegend,
    aria: aria(description),
    grid: { left: 48, right: 16, top: 8, bottom: 64 },
    tooltip: {
      ...base.tooltip,
      formatter: (params: unknown) => {
        const [hour, row] = (params as { data: [number, number, number] }).data;
        const cell = best.cells.find((c) => c.hour === hour && c.weekday === 6 - row);
        if (!cell) return '';
        return [
          `<strong>${weekdayNames[cell.weekday]} ${hours[cell.hour]}:00</strong>`,
          `${cell.posts} ${cell.posts === 1 ? 'post' : 'posts'}`,
          `Average views: ${formatCount(Math.round(cell.averageViews))}`,
          `Engagement rate: ${formatPercent(cell.engagementRate)}`,
        ].join('<br>');
      },
    },
    xAxis: { type: 'category', data: hours, ...axis, splitArea: { show: false } },
    yAxis: { type: 'category', data: [...weekdayNames].reverse(), ...axis },
    visualMap: {
      min: 0,
      max,
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 160,
      textStyle: { color: theme.muted },
      inRange: { color: [theme.heatLow, theme.heatHigh] },
      text: ['More views', 'Fewer'],
      formatter: (value: unknown) => formatCount(Math.round(Number(value))),
    },
    series: [
      {
        name: 'Average views',
        type: 'heatmap',
        data: best.cells.map((cell) => [
          cell.hour,
          6 - cell.weekday,
          Math.round(cell.averageViews),
        ]),
        itemStyle: { borderColor: theme.panel, borderWidth: 2 },
        emphasis: { itemStyle: { borderColor: theme.text } },
      },
    ],
  };
}
