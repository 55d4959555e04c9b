import type { Account } from '../../../shared/domain/accounts';
import { platformIds, platformNames, type PlatformId } from '../../../shared/domain/platforms';

/** A choice's options as [value, label]; the empty value means "no filter". */
export type ChoiceOptions<T> = ReadonlyArray<readonly [T, string]>;

/** One filter of a list: a labelled select, whose change the list reloads on. */
export function FilterChoice<T extends string | number>(props: {
  label: string;
  value: T;
  options: ChoiceOptions<T>;
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

/** "All", then every platform by name. */
export const platformChoices: ChoiceOptions<PlatformId | ''> = [
  ['', 'All'],
  ...platformIds.map((id) => [id, platformNames[id]] as const),
];

/** "All", then each account as "Platform · handle". */
export function accountChoices(
  accounts: ReadonlyArray<Pick<Account, 'id' | 'platform' | 'handle'>>,
): ChoiceOptions<string> {
  return [
    ['', 'All'],
    ...accounts.map(
      (account) => [account.id, `${platformNames[account.platform]} · ${account.handle}`] as const,
    ),
  ];
}

/** The platform and account filters a list of posts or failures shares. */
export function PlatformAccountChoices(props: {
  platform: PlatformId | '';
  accountId: string;
  accounts: ReadonlyArray<Pick<Account, 'id' | 'platform' | 'handle'>>;
  onChange(patch: { platform?: PlatformId | ''; accountId?: string }): void;
}) {
  return (
    <>
      <FilterChoice
        label="Platform"
        value={props.platform}
        options={platformChoices}
        parse={(value) => value as PlatformId | ''}
        onChange={(platform) => props.onChange({ platform })}
      />
      <FilterChoice
        label="Account"
        value={props.accountId}
        options={accountChoices(props.accounts)}
        parse={(value) => value}
        onChange={(accountId) => props.onChange({ accountId })}
      />
    </>
  );
}
