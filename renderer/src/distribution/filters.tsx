import { targetStates } from '../../../shared/domain/distribution';
import { platformIds, platformNames } from '../../../shared/domain/platforms';
import { useDistribution, type DistributionFilters } from '../stores/distribution-store';
import styles from './distribution.module.css';
import { targetStates as stateLooks } from './labels';

/** Which posts the list shows: by state, platform, account and age. Each change reloads it. */
/** One filter: a labelled choice whose empty value means "no filter". */
function Choice<T extends string | number>(props: {
  label: string;
  value: T;
  options: ReadonlyArray<readonly [T, string]>;
  parse(value: string): T;
  onChange(value: T): void;
}) {
  return (
    <label>
      {props.label}
      <select
        value={props.value}
        onChange={(event) => props.onChange(props.parse(event.target.value))}
      >
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </label>
  );
}

const ages: ReadonlyArray<readonly [number, string]> = [
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
      <Choice
        label="Status"
        value={filters.status}
        options={[
          ['', 'Any'],
          ...targetStates.map((state) => [state, stateLooks[state].label] as const),
        ]}
        parse={(value) => value as DistributionFilters['status']}
        onChange={(status) => setFilters({ status })}
      />
      <Choice
        label="Platform"
        value={filters.platform}
        options={[['', 'All'], ...platformIds.map((id) => [id, platformNames[id]] as const)]}
        parse={(value) => value as DistributionFilters['platform']}
        onChange={(platform) => setFilters({ platform })}
      />
      <Choice
        label="Account"
        value={filters.accountId}
        options={[
          ['', 'All'],
          ...accounts.map(
            (account) =>
              [account.id, `${platformNames[account.platform]} · ${account.handle}`] as const,
          ),
        ]}
        parse={(value) => value}
        onChange={(accountId) => setFilters({ accountId })}
      />
      <Choice
        label="Date"
        value={filters.days}
        options={ages}
        parse={Number}
        onChange={(days) => setFilters({ days })}
      />
    </div>
  );
}
