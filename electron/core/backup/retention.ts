import type { BackupTrigger } from '../../../shared/domain/backup';
import { wallTimeAt } from '../time/zoned-time';

export interface RetentionPolicy {
  keepDaily: number;
  keepWeekly: number;
  keepMonthly: number;
}

export interface RetainedBackup {
  id: string;
  createdAt: number;
  trigger: BackupTrigger;
}

/** Copies made before an update or a restore (the way back) are kept this long whatever else. */
export const SAFETY_COPY_DAYS = 30;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** The ISO 8601 week of a calendar date: "2026-W09" (weeks start on Monday). */
export function isoWeek(year: number, month: number, day: number): string {
  const date = new Date(Date.UTC(year, month - 1, day));
  const weekday = date.getUTCDay() || 7;
  // The Thursday of the same week decides the week's year.
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const weekYear = date.getUTCFullYear();
  const firstDay = Date.UTC(weekYear, 0, 1);
  const week = Math.ceil(((date.getTime() - firstDay) / 86_400_000 + 1) / 7);
  return `${weekYear}-W${pad(week)}`;
}

function isSafetyCopy(backup: RetainedBackup): boolean {
  return backup.trigger === 'before-update' || backup.trigger === 'before-restore';
}

/**
 * Which backups the retention rule keeps, in the person's time zone, the way restic's
 * `--keep-daily/--keep-weekly/--keep-monthly` do: the newest backup of each of the last
 * `keepDaily` days that have a backup, of each of the last `keepWeekly` ISO weeks, and of each of
 * the last `keepMonthly` months; plus every copy made before an update or a restore for
 * SAFETY_COPY_DAYS days. Days without a backup (the computer was off) do not use up the count, so
 * a long pause never deletes everything. The newest backup is always kept.
 */
export function retainedBackups(
  backups: readonly RetainedBackup[],
  policy: RetentionPolicy,
  timeZone: string,
  now: number,
): Set<string> {
  const newestFirst = [...backups].sort(
    (a, b) => b.createdAt - a.createdAt || a.id.localeCompare(b.id),
  );
  const keep = new Set<string>();
  const first = newestFirst[0];
  if (first) keep.add(first.id);
  const buckets: Array<{ count: number; key: (b: RetainedBackup) => string }> = [
    {
      count: policy.keepDaily,
      key: (b) => {
        const w = wallTimeAt(b.createdAt, timeZone);
        return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
      },
    },
    {
      count: policy.keepWeekly,
      key: (b) => {
        const w = wallTimeAt(b.createdAt, timeZone);
        return isoWeek(w.year, w.month, w.day);
      },
    },
    {
      count: policy.keepMonthly,
      key: (b) => {
        const w = wallTimeAt(b.createdAt, timeZone);
        return `${w.year}-${pad(w.month)}`;
      },
    },
  ];
  for (const bucket of buckets) {
    const seen = new Set<string>();
    for (const backup of newestFirst) {
      if (seen.size >= bucket.count) break;
      // Safety copies are kept on their own (below): they never take a day's place from the
      // backup the person would go back to (the one just restored, say).
      if (isSafetyCopy(backup)) continue;
      const key = bucket.key(backup);
      if (seen.has(key)) continue;
      seen.add(key);
      keep.add(backup.id);
    }
  }
  const safetyFrom = now - SAFETY_COPY_DAYS * 86_400_000;
  for (const backup of newestFirst) {
    if (isSafetyCopy(backup) && backup.createdAt >= safetyFrom) keep.add(backup.id);
  }
  return keep;
}

/** The rule in words, for the screen. */
export function describeRetention(policy: RetentionPolicy): string {
  const parts = [`the newest backup of each of the last ${policy.keepDaily} days that have one`];
  if (policy.keepWeekly > 0) parts.push(`of the last ${policy.keepWeekly} weeks`);
  if (policy.keepMonthly > 0) parts.push(`of the last ${policy.keepMonthly} months`);
  return `Keeps ${parts.join(', ')}; copies made before an update or a restore are kept ${SAFETY_COPY_DAYS} days.`;
}
