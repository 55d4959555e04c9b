import {
  distributionStrategies,
  platformIds,
  platformLabels,
  privacyByPlatform,
  type DistributionStrategy,
} from '../../../shared/domain/configs';
import { privacyLabels } from './labels';
import { AccountPicker, useAccountNames } from './account-picker';
import { Field, NumberField, optionsOf, SelectField } from '../components/field';
import { ListInput } from './list-input';
import type { SectionProps } from './schedule-section';
import { cx } from '../components/class-names';
import styles from './editor.module.css';

const strategyLabels: Record<DistributionStrategy, string> = {
  roundRobin: 'Round robin: each video to the next account',
  sequential: 'Sequential: each run to the next account',
  random: 'Random',
  weighted: 'Weighted random',
};

export function PlatformsSection({ draft, change, errors }: SectionProps) {
  return (
    <fieldset className={cx('card', styles.section)}>
      <legend>Platforms</legend>
      {platformIds.map((id) => {
        const settings = draft.platforms[id];
        const set = (key: string, value: unknown) => change(['platforms', id, key], value);
        return (
          <details key={id} className={styles.platform} open={settings.enabled}>
            <summary>
              <label className={styles.checkboxInline} onClick={(event) => event.stopPropagation()}>
                <input
                  type="checkbox"
                  checked={settings.enabled}
                  onChange={(event) => set('enabled', event.target.checked)}
                />
                {platformLabels[id]}
              </label>
            </summary>
            <div className={styles.grid2}>
              <Field
                label={`${platformLabels[id]} title`}
                path={`platforms.${id}.titleTemplate`}
                errors={errors}
              >
                {(props) => (
                  <input
                    {...props}
                    value={settings.titleTemplate}
                    onChange={(event) => set('titleTemplate', event.target.value)}
                  />
                )}
              </Field>
              <SelectField
                label={`${platformLabels[id]} privacy`}
                path={`platforms.${id}.privacy`}
                errors={errors}
                value={settings.privacy}
                options={optionsOf(privacyByPlatform[id], (level) => privacyLabels[level])}
                onChange={(value) => set('privacy', value)}
              />
            </div>
            <Field
              label={`${platformLabels[id]} caption`}
              path={`platforms.${id}.captionTemplate`}
              errors={errors}
            >
              {(props) => (
                <textarea
                  {...props}
                  rows={2}
                  value={settings.captionTemplate}
                  onChange={(event) => set('captionTemplate', event.target.value)}
                />
              )}
            </Field>
            <Field
              label={`${platformLabels[id]} hashtags`}
              path={`platforms.${id}.hashtags`}
              errors={{ of: (p) => errors.of(p) ?? errors.of(`${p}.0`), touch: errors.touch }}
              hint="Separated by spaces or commas, with or without #"
            >
              {(props) => (
                <ListInput
                  {...props}
                  separators={/[,\s]+/}
                  value={settings.hashtags}
                  onChange={(tags) => set('hashtags', tags)}
                />
              )}
            </Field>
            {id === 'youtube' && (
              <label className="field checkbox">
                <input
                  type="checkbox"
                  checked={settings.madeForKids}
                  onChange={(event) => set('madeForKids', event.target.checked)}
                />
                <span>Made for kids (YouTube requires this declaration)</span>
              </label>
            )}
          </details>
        );
      })}
    </fieldset>
  );
}

export function DistributionSection({ draft, change, errors }: SectionProps) {
  const distribution = draft.distribution;
  const names = useAccountNames();
  const set = (key: string, value: unknown) => change(['distribution', key], value);
  return (
    <fieldset className={cx('card', styles.section)}>
      <legend>Distribution</legend>
      <div className={styles.grid2}>
        <NumberField
          label="Videos per run"
          path="distribution.videosPerRun"
          errors={errors}
          min={1}
          max={20}
          value={distribution.videosPerRun}
          onChange={(value) => set('videosPerRun', value)}
        />
        <SelectField
          label="Strategy"
          path="distribution.strategy"
          errors={errors}
          value={distribution.strategy}
          options={optionsOf(distributionStrategies, (strategy) => strategyLabels[strategy])}
          onChange={(value) => set('strategy', value)}
        />
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
      {distribution.strategy === 'weighted' && distribution.accountIds.length > 0 && (
        <div className={styles.grid3}>
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
