import {
  distributionStrategies,
  type DistributionMode,
  type DistributionStrategy,
} from '../../../shared/domain/configs';
import { cx } from '../components/class-names';
import { NumberField, optionsOf, SelectField } from '../components/field';
import { useAccounts } from '../stores/accounts-store';
import { AccountPicker, useAccountNames } from './account-picker';
import editorStyles from './editor.module.css';
import { describeRunPlan } from './labels';
import type { SectionProps } from './schedule-section';

const strategyLabels: Record<DistributionStrategy, string> = {
  roundRobin: 'Round robin: each video to the next account',
  sequential: 'Sequential: each run to the next account',
  random: 'Random',
  weighted: 'Weighted random',
};

const modes: ReadonlyArray<readonly [DistributionMode, string, string]> = [
  [
    'crossPost',
    'Post each video to every selected account',
    'Cross-post: one video reaches all your accounts and platforms.',
  ],
  [
    'spread',
    'Spread videos across accounts',
    'Each video goes to one account, in turn or at random.',
  ],
];

/** Where a run's videos go: the mode, the accounts, and one line saying what a run will do. */
export function DistributionSection({ draft, change, errors }: SectionProps) {
  const distribution = draft.distribution;
  const names = useAccountNames();
  const accounts = useAccounts((state) => state.items);
  const set = (key: string, value: unknown) => change(['distribution', key], value);
  return (
    <fieldset className={cx('card', editorStyles.section)}>
      <legend>Distribution</legend>
      <p className={editorStyles.summaryLine} data-testid="run-plan" aria-live="polite">
        {describeRunPlan(draft, accounts)}
      </p>
      <div role="radiogroup" aria-label="How videos are posted" className="field">
        {modes.map(([mode, label, hint]) => (
          <label key={mode} className="field checkbox">
            <input
              type="radio"
              name="distribution-mode"
              checked={distribution.mode === mode}
              onChange={() => set('mode', mode)}
            />
            <span>
              {label} <small className="muted">{hint}</small>
            </span>
          </label>
        ))}
      </div>
      <div className={editorStyles.grid2}>
        <NumberField
          label="Videos per run"
          path="distribution.videosPerRun"
          errors={errors}
          min={1}
          max={20}
          value={distribution.videosPerRun}
          onChange={(value) => set('videosPerRun', value)}
        />
        {distribution.mode === 'spread' && (
          <SelectField
            label="Strategy"
            path="distribution.strategy"
            errors={errors}
            value={distribution.strategy}
            options={optionsOf(distributionStrategies, (strategy) => strategyLabels[strategy])}
            onChange={(value) => set('strategy', value)}
          />
        )}
      </div>
      <div className="field">
        <span id="distribution-accounts-label">Accounts</span>
        <AccountPicker
          selected={distribution.accountIds}
          onChange={(ids) => set('accountIds', ids)}
          describedBy="distribution-accounts-label"
        />
        {errors.of('distribution.accountIds') && (
          <small className="error-text">{errors.of('distribution.accountIds')}</small>
        )}
      </div>
      {distribution.mode === 'spread' &&
        distribution.strategy === 'weighted' &&
        distribution.accountIds.length > 0 && (
          <div className={editorStyles.grid3}>
            {distribution.accountIds.map((accountId) => (
              <NumberField
                key={accountId}
                label={`Weight of ${names.get(accountId) ?? 'an account no longer connected'}`}
                path={`distribution.weights.${accountId}`}
                errors={errors}
                min={0}
                max={1000}
                value={distribution.weights[accountId] ?? 1}
                onChange={(value) => change(['distribution', 'weights', accountId], value)}
              />
            ))}
            {errors.of('distribution.weights') && (
              <p className="error-text">{errors.of('distribution.weights')}</p>
            )}
          </div>
        )}
    </fieldset>
  );
}
