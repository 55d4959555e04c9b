import { LoadFailure, Loading } from '../components/load-state';
import { useDomain } from '../stores/domain-store';
import { useHealth } from '../stores/health-store';
import { AccountHealthTable } from './account-health-table';
import { SystemHealthPanel } from './system-health-panel';

/** Account and system health, read again every 15 seconds while shown. */
export function HealthTab() {
  const accounts = useHealth((state) => state.accounts);
  const system = useHealth((state) => state.system);
  const error = useHealth((state) => state.error);
  const { load } = useHealth((state) => state.actions);
  useDomain(useHealth, 15_000);

  if (error && (!accounts || !system)) {
    return <LoadFailure what="Health" error={error} onRetry={() => void load()} />;
  }
  if (!accounts || !system) return <Loading>Checking the accounts and the system…</Loading>;
  return (
    <>
      {error && <LoadFailure what="The latest health" error={error} onRetry={() => void load()} />}
      <SystemHealthPanel health={system} />
      <AccountHealthTable accounts={accounts} now={system.at} />
    </>
  );
}
