import type { AlertSeverity, AlertState } from '../../../shared/domain/alerts';
import type { ErrorClass } from '../../../shared/domain/error-log';
import type { HealthLevel, QuotaUsage, TokenState } from '../../../shared/domain/health';
import type { ScreenId } from '../../../shared/domain/screens';
import type { StateLook } from '../components/badge';
import type {
  Grain,
  Period,
  PeriodPreset,
  ResolvedPeriod,
} from '../../../shared/domain/statistics';
import type { KpiKind } from '../../../shared/domain/statistics-kpis';

/** The statistics' own words: periods, grains, figures and the buckets of a series. */

export const presetLabels: Record<PeriodPreset, string> = {
  '24h': '24 hours',
  '7d': '7 days',
  '30d': '30 days',
  '90d': '90 days',
};

export const grainLabels: Record<Grain, string> = {
  hour: 'Hours',
  day: 'Days',
  week: 'Weeks',
  month: 'Months',
};

export const weekdayNames = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/** The grains a period's series can be drawn in. */
export function grainsFor(period: ResolvedPeriod): Grain[] {
  if (period.days === null) return ['hour'];
  const grains: Grain[] = [];
  if (period.days <= 31) grains.push('hour');
  grains.push('day');
  if (period.days >= 14) grains.push('week');
  if (period.days >= 60) grains.push('month');
  return grains;
}

function dateFormat(timeZone: string, options: Intl.DateTimeFormatOptions) {
  return new Intl.DateTimeFormat(undefined, { timeZone, ...options });
}

/** A bucket of a series in the Settings zone: "14:00", "Jan 9", "Week of Jan 5", "Jan 2026". */
export function bucketLabel(start: number, grain: Grain, timeZone: string): string {
  const at = new Date(start);
  switch (grain) {
    case 'hour':
      return dateFormat(timeZone, { hour: '2-digit', minute: '2-digit' }).format(at);
    case 'day':
      return dateFormat(timeZone, { month: 'short', day: 'numeric' }).format(at);
    case 'week':
      return `Week of ${dateFormat(timeZone, { month: 'short', day: 'numeric' }).format(at)}`;
    case 'month':
      return dateFormat(timeZone, { month: 'short', year: 'numeric' }).format(at);
  }
}

/** The long form of a bucket for a tooltip: "Fri, Jan 9, 2026". */
export function bucketTitle(start: number, grain: Grain, timeZone: string): string {
  const at = new Date(start);
  if (grain === 'hour') {
    return dateFormat(timeZone, {
      weekday: 'short',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    }).format(at);
  }
  if (grain === 'month') return bucketLabel(start, grain, timeZone);
  const day = dateFormat(timeZone, {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    year: 'numeric',
  }).format(at);
  return grain === 'week' ? `Week of ${day}` : day;
}

/** The days (or hours) a resolved period covers, ends included: "Jan 9 – Jan 15, 2026". */
export function rangeLabel(start: number, end: number, period: ResolvedPeriod): string {
  const zone = period.timeZone;
  if (period.grain === 'hour') {
    const format = dateFormat(zone, {
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    });
    return `${format.format(new Date(start))} – ${format.format(new Date(end))}`;
  }
  const format = dateFormat(zone, { month: 'short', day: 'numeric', year: 'numeric' });
  // The last day is the one before `end` (its local midnight): an hour back is always in it.
  return format.formatRange(new Date(start), new Date(end - 3_600_000));
}

/** What the period picker shows for a period. */
export function periodLabel(period: Period): string {
  return period.kind === 'preset' ? `Last ${presetLabels[period.preset]}` : 'Custom range';
}

/** A figure written for its kind; a dash when there is nothing to show. */
export function formatKpi(kind: KpiKind, value: number | null): string {
  if (value === null) return '—';
  switch (kind) {
    case 'rate':
      return `${(value * 100).toFixed(value >= 0.995 || value === 0 ? 0 : 1)} %`;
    case 'average':
      return value.toFixed(2);
    case 'duration': {
      const seconds = value / 1000;
      if (seconds < 60) return `${seconds.toFixed(1)} s`;
      return `${Math.floor(seconds / 60)} min ${String(Math.round(seconds % 60)).padStart(2, '0')} s`;
    }
    case 'count':
      return value >= 1_000_000
        ? `${(value / 1_000_000).toFixed(1)}M`
        : value >= 100_000
          ? `${Math.round(value / 1000)}k`
          : value.toLocaleString();
  }
}

export function formatPercent(value: number | null): string {
  return value === null ? '—' : `${(value * 100).toFixed(1)} %`;
}

export const severityLooks: Record<AlertSeverity, StateLook> = {
  error: { label: 'Error', tone: 'danger' },
  warning: { label: 'Warning', tone: 'warning' },
  info: { label: 'Info', tone: 'accent' },
};

export const alertViews: Record<AlertState, string> = {
  open: 'Open',
  acknowledged: 'Acknowledged',
  resolved: 'Resolved',
};

export const healthLooks: Record<HealthLevel, StateLook> = {
  ok: { label: 'Healthy', tone: 'ok' },
  warning: { label: 'Needs a look', tone: 'warning' },
  blocked: { label: 'Not posting', tone: 'danger' },
};

export const tokenLooks: Record<TokenState, StateLook> = {
  valid: { label: 'Signed in', tone: 'ok' },
  expiring: { label: 'Sign-in ends soon', tone: 'warning' },
  expired: { label: 'Signed out', tone: 'danger' },
  unknown: { label: 'Not renewed lately', tone: 'warning' },
};

export const errorClassLabels: Record<ErrorClass, string> = {
  auth: 'Sign-in',
  rate: 'Rate limit',
  transient: 'Network or server',
  content: 'Refused content',
  unknown: 'Outcome unknown',
  render: 'Render',
  metrics: 'Metrics reading',
  other: 'Other',
};

/** The queue's job kinds in words; a kind not listed is shown as it is named. */
export const jobKindLabels: Record<string, string> = {
  render: 'Renders',
  upload: 'Uploads',
  metrics: 'Metric readings',
  backup: 'Backups',
};

/** What the button leading to an alert's or an error's item says. */
export const openLabels: Record<ScreenId, string> = {
  accounts: 'Show in Accounts',
  configs: 'Show in Configs',
  media: 'Show in Media',
  distribution: 'Show in Distribution',
  calendar: 'Show in Calendar',
  statistics: 'Show in Health',
  batch: 'Show in Batch',
  settings: 'Open Settings',
};

export function quotaAmount(value: number, unit: QuotaUsage['unit']): string {
  if (unit === 'usd') return `$${value.toFixed(2)}`;
  return Math.round(value).toLocaleString();
}
