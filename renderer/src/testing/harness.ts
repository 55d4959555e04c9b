import { installApi } from '../api/api-client';
import { useAccounts } from '../stores/accounts-store';
import { useAlerts } from '../stores/alerts-store';
import { useApiTokens } from '../stores/api-tokens-store';
import { useAutomation } from '../stores/automation-store';
import { useBackups } from '../stores/backup-store';
import { useBatches } from '../stores/batch-store';
import { useCalendar } from '../stores/calendar-store';
import { useConfigs } from '../stores/configs-store';
import { useDistribution } from '../stores/distribution-store';
import { useErrors } from '../stores/errors-store';
import { useHealth } from '../stores/health-store';
import { useMedia } from '../stores/media-store';
import { useConnection } from '../stores/connection-store';
import { useNavigation } from '../stores/navigation-store';
import { useNotices } from '../stores/notices-store';
import { useRetention } from '../stores/retention-store';
import { useSettings } from '../stores/settings-store';
import { useStatistics } from '../stores/statistics-store';
import { useStorage } from '../stores/storage-store';
import { createFakeApi, type FakeApi, type FakeHandlers } from './fake-api';

let current: FakeApi | null = null;

/** Puts a fresh fake Api in place for this test; the setup checks it for problems after. */
export function installFakeApi(
  handlers: FakeHandlers = {},
  options: { transport?: FakeApi['transport'] } = {},
): FakeApi {
  current = createFakeApi(handlers, options);
  installApi(current);
  return current;
}

export function currentFakeApi(): FakeApi | null {
  return current;
}

function reset<S>(store: { getInitialState(): S; setState(state: S, replace: true): void }) {
  store.setState(store.getInitialState(), true);
}

/** Every store back to how the app starts, so no test sees another's state. */
export function resetStores(): void {
  reset(useAccounts);
  reset(useAlerts);
  reset(useApiTokens);
  reset(useAutomation);
  reset(useBatches);
  reset(useCalendar);
  reset(useConfigs);
  reset(useDistribution);
  reset(useErrors);
  reset(useHealth);
  reset(useMedia);
  reset(useNavigation);
  reset(useConnection);
  reset(useNotices);
  reset(useRetention);
  reset(useSettings);
  reset(useStatistics);
  reset(useStorage);
  reset(useBackups);
}

/** The toasts shown so far, as "title: body". */
export function toastsShown(): string[] {
  return useNotices.getState().toasts.map((toast) => `${toast.title}: ${toast.body}`);
}
