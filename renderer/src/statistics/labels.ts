import type { AlertSeverity, AlertState } from '../../../shared/domain/alerts';
import type { ErrorClass } from '../../../shared/domain/error-log';
import type { HealthLevel, QuotaUsage, TokenState } from '../../../shared/domain/health';
import type { ScreenId } from '../../../shared/domain/screens';
import type { StateLook } from '../components/badge';

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
  statistics: 'Show in Health',
  batch: 'Show in Batch',
  settings: 'Open Settings',
};

export function quotaAmount(value: number, unit: QuotaUsage['unit']): string {
  if (unit === 'usd') return `$${value.toFixed(2)}`;
  return Math.round(value).toLocaleString();
}
