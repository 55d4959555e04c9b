import { errorClasses } from '../../../shared/domain/error-log';
import { platformIds, platformNames } from '../../../shared/domain/platforms';
import { useErrors, type ErrorFilters as Filters } from '../stores/errors-store';
import styles from './errors.module.css';
import { errorClassLabels } from './labels';

/** A labelled choice whose empty value means "no filter". */
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

const periods: ReadonlyArray<readonly [number, string]> = [
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
      <Choice
        label="Platform"
        value={filters.platform}
        options={[['', 'All'], ...platformIds.map((id) => [id, platformNames[id]] as const)]}
        parse={(value) => value as Filters['platform']}
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
        label="Class"
        value={filters.errorClass}
        options={[
          ['', 'All'],
          ...errorClasses.map((errorClass) => [errorClass, errorClassLabels[errorClass]] as const),
        ]}
        parse={(value) => value as Filters['errorClass']}
        onChange={(errorClass) => setFilters({ errorClass })}
      />
      <Choice
        label="Period"
        value={filters.days}
        options={periods}
        parse={Number}
        onChange={(days) => setFilters({ days })}
      />
    </div>
  );
}
