import { errorClasses } from '../../../shared/domain/error-log';
import {
  FilterChoice,
  PlatformAccountChoices,
  type ChoiceOptions,
} from '../components/filter-choice';
import { useErrors, type ErrorFilters as Filters } from '../stores/errors-store';
import styles from './errors.module.css';
import { errorClassLabels } from './labels';

const periods: ChoiceOptions<number> = [
  [0, 'Any time'],
  [1, 'Last 24 hours'],
  [7, 'Last 7 days'],
  [30, 'Last 30 days'],
  [90, 'Last 90 days'],
];

/** Which failures the log shows: by platform, account, class and period. Each change reloads. */
export function ErrorFilters() {
  const filters = useErrors((state) => state.filters);
  const accounts = useErrors((state) => state.accounts);
  const { setFilters } = useErrors((state) => state.actions);
  return (
    <div className={`card ${styles.filters}`} role="group" aria-label="Filters">
      <PlatformAccountChoices
        platform={filters.platform}
        accountId={filters.accountId}
        accounts={accounts}
        onChange={setFilters}
      />
      <FilterChoice
        label="Class"
        value={filters.errorClass}
        options={[
          ['', 'All'],
          ...errorClasses.map((errorClass) => [errorClass, errorClassLabels[errorClass]] as const),
        ]}
        parse={(value) => value as Filters['errorClass']}
        onChange={(errorClass) => setFilters({ errorClass })}
      />
      <FilterChoice
        label="Period"
        value={filters.days}
        options={periods}
        parse={Number}
        onChange={(days) => setFilters({ days })}
      />
    </div>
  );
}
