import type { Account } from '../../../shared/domain/accounts';
import type { AccountsService } from '../accounts/accounts-module';

/** The part of the accounts service distribution uses (the AccountsService implements it). */
export type DistributionAccounts = Pick<
  AccountsService,
  | 'list'
  | 'getAccessToken'
  | 'canPostNow'
  | 'reservePostSlot'
  | 'releasePostSlot'
  | 'openPostSlots'
  | 'recordPost'
  | 'recordError'
  // The pacing rules over every account, to plan waiting posts and check a moved one.
  | 'slotPlanner'
> & { get(accountId: string): Promise<Account> };
