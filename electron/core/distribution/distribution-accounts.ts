import type { Account, PostDecision } from '../../../shared/domain/accounts';
import type { RecordErrorInput, SlotPlanner } from '../accounts/accounts-module';

/** The part of the accounts service distribution uses (the AccountsService implements it). */
export interface DistributionAccounts {
  get(accountId: string): Promise<Account>;
  list(): Promise<Account[]>;
  getAccessToken(accountId: string, options?: { forceRefresh?: boolean }): Promise<string>;
  canPostNow(accountId: string): Promise<PostDecision>;
  recordPost(accountId: string, input?: { remotePostId?: string }): Promise<void>;
  recordError(accountId: string, input: RecordErrorInput): Promise<void>;
  /** The pacing rules over every account, to plan waiting posts and check a moved one. */
  slotPlanner(): Promise<SlotPlanner>;
}
