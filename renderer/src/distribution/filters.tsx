import { targetStates } from '../../../shared/domain/distribution';
import {
  accountChoices,
  FilterChoice,
  platformChoices,
  type ChoiceOptions,
} from '../components/filter-choice';
import { useDistribution, type DistributionFilters } from '../stores/distribution-store';
import styles from './distribution.module.css';
import { targetStates as stateLooks } from './labels';

const ages: ChoiceOptions<number> = [
  [0, 'Any time'],
  [1, 'Last 24 hours'],
  [7, 'Last 7 days'],
  [30, 'Last 30 days'],
];

/** Which posts the list shows: by state, platform, account and age. Each change reloads it. */
export function Filters() {
  const filters = useDistribution((state) => state.filters);
  const accounts = useDistribution((state) => state.accounts);
  const { setFilters } = useDistribution((state) => state.actions);
  return (
    <div className={`card ${styles.filters}`} role="group" aria-label="Filters">
      <FilterChoice
        label="Status"
        value={filters.status}
        options={[
          ['', 'Any'],
          ...targetStates.map((state) => [state, stateLooks[state].label] as const),
        ]}
        parse={(value) => value as DistributionFilters['status']}
        onChange={(status) => setFilters({ status })}
      />
      <FilterChoice
        label="Platform"
        value={filters.platform}
        options={platformChoices}
        parse={(value) => value as DistributionFilters['platform']}
        onChange={(platform) => setFilters({ platform })}
      />
      <FilterChoice
        label="Account"
        value={filters.accountId}
        options={accountChoices(accounts)}
        parse={(value) => value}
        onChange={(accountId) => setFilters({ accountId })}
      />
      <FilterChoice
        label="Date"
        value={filters.days}
        options={ages}
        parse={Number}
        onChange={(days) => setFilters({ days })}
      />
    </div>
  );
}
