import { platformIds, platformNames, type PlatformId } from '../../../shared/domain/platforms';
import { useStatistics } from '../stores/statistics-store';
import styles from './overview.module.css';

/** Platform, account and config filters; each change reloads the Overview. */
export function StatisticsFilters() {
  const filters = useStatistics((state) => state.filters);
  const accounts = useStatistics((state) => state.accounts);
  const configs = useStatistics((state) => state.configs);
  const { setFilters } = useStatistics((state) => state.actions);
  const shownAccounts = filters.platform
    ? accounts.filter((account) => account.platform === filters.platform)
    : accounts;
  return (
    <div className={styles.filters} role="group" aria-label="Filters">
      <label>
        Platform
        <select
          value={filters.platform ?? ''}
          onChange={(event) => {
            const platform = (event.target.value || undefined) as PlatformId | undefined;
            const account = accounts.find((a) => a.id === filters.accountId);
            // An account of another platform would match nothing.
            const keepAccount = !platform || !account || account.platform === platform;
            setFilters({ platform, ...(keepAccount ? {} : { accountId: undefined }) });
          }}
        >
          <option value="">All platforms</option>
          {platformIds.map((id) => (
            <option key={id} value={id}>
              {platformNames[id]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Account
        <select
          value={filters.accountId ?? ''}
          onChange={(event) => setFilters({ accountId: event.target.value || undefined })}
        >
          <option value="">All accounts</option>
          {shownAccounts.map((account) => (
            <option key={account.id} value={account.id}>
              {platformNames[account.platform]} · {account.handle}
            </option>
          ))}
        </select>
      </label>
      <label>
        Config
        <select
          value={filters.configId ?? ''}
          onChange={(event) => setFilters({ configId: event.target.value || undefined })}
        >
          <option value="">All configs</option>
          {configs.map((config) => (
            <option key={config.id} value={config.id}>
              {config.name}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
