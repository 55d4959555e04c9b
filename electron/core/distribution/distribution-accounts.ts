import type { Account } from '../../../shared/domain/accounts';
import type { AccountsService } from '../accounts/accounts-module';

/** The part of the accounts service distribution uses (the AccountsService implements it). */
export type DistributionAccounts = Pick<
  AccountsService,
  | 'list'
  | 'getAccessToken'
  | 'reservePostSlot'
  | 'releasePostSlot'
  | 'openPostSlots'
  | 'recordPost'
  | 'recordError'
> & { get(accountId: string): Promise<Account> };
