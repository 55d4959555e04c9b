import type { RetentionRun } from '../../../shared/domain/retention';
import { formatBytes, formatCount, plural } from '../format';

/** What one clean-up removed, in words. */
export function describeCleanUp(run: RetentionRun): string {
  const parts: string[] = [];
  const readings = run.metricsThinned + run.metricsDeleted;
  if (readings > 0)
    parts.push(`${formatCount(readings)} metrics ${readings === 1 ? 'reading' : 'readings'}`);
  if (run.runsDeleted > 0) parts.push(plural(run.runsDeleted, 'run'));
  if (run.accountRecordsDeleted > 0) {
    parts.push(plural(run.accountRecordsDeleted, 'post or error record'));
  }
  if (run.filesDeleted > 0) {
    parts.push(`${plural(run.filesDeleted, 'rendered video')} (${formatBytes(run.bytesFreed)})`);
  }
  return parts.length === 0 ? 'nothing was old enough to remove.' : `removed ${parts.join(', ')}.`;
}
