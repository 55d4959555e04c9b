import { causeKeys } from '../../../../shared/domain/notifications';
import type { AlertRule } from '../alert-rule';
import type { RuleQueries } from '../rule-queries';
import { plural } from './words';

/**
 * A config whose runs failed (or finished with failed videos) since its last good run: one alert
 * per config. Gone once a run of it succeeds, or the config is deleted.
 */
export function failedRunRule(queries: RuleQueries): AlertRule {
  return {
    name: 'failed-run',
    keys: [causeKeys.runFailed('')],
    follows: (event, payload) =>
      (event === 'configs:runUpdated' &&
        ['failed', 'partial', 'succeeded'].includes((payload as { state?: string }).state ?? '')) ||
      (event === 'configs:changed' && (payload as { config?: unknown }).config === null),
    async evaluate() {
      return (await queries.failedRuns()).map((runs) => {
        const name = `“${runs.configName}”`;
        const title =
          runs.count > 1
            ? `${name} failed ${runs.count} runs in a row`
            : runs.lastState === 'failed'
              ? `${name} run failed`
              : `${name} run finished with ${plural(runs.lastFailedVideos, 'failed video')}`;
        return {
          key: causeKeys.runFailed(runs.configId),
          kind: 'runFailed',
          severity: runs.lastState === 'failed' ? ('error' as const) : ('warning' as const),
          title,
          body: runs.lastError ?? 'Some of its videos could not be rendered.',
          action:
            'Open the config’s run history to see what failed, fix it, then run it again (Run now).',
          target: { screen: 'configs' as const, itemId: runs.configId },
          count: runs.count,
        };
      });
    },
  };
}
