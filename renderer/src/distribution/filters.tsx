import { targetStates } from '../../../shared/domain/distribution';
import {
  FilterChoice,
  PlatformAccountChoices,
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
      <PlatformAccountChoices
        platform={filters.platform}
        accountId={filters.accountId}
        accounts={accounts}
        onChange={setFilters}
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
