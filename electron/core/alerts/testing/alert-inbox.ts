/**
 * Reading the alerts inbox in the rules' tests, through the engine's handlers as the UI does;
 * shared by the test files of the rules (alert-rules*.test.ts).
 */
import type { Alert, AlertCounts, AlertPage } from '../../../../shared/domain/alerts';
import { ok } from '../../testing/test-engine';
import type { MonitoringWorld } from './monitoring-world';

export async function listAlerts(
  world: MonitoringWorld,
  state: Alert['state'] = 'open',
): Promise<Alert[]> {
  return (await ok<AlertPage>(world.t.engine.invoke('alerts:list', { state }))).alerts;
}

export function alertCounts(world: MonitoringWorld): Promise<AlertCounts> {
  return ok<AlertCounts>(world.t.engine.invoke('alerts:counts', {}));
}

/** What was notified, as `causeKey: title`. */
export function notifiedCauses(world: MonitoringWorld): string[] {
  return world.t.notifications.map((n) => `${n.causeKey}: ${n.title}`);
}
