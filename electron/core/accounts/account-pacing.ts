/**
 * Reading the post history the pacing rules decide from. The service asks these for one
 * account (a decision), for all accounts at once (the slot planner) or groups one read of the
 * history for many accounts (the overview); the rules themselves stay in ./pacing.
 */
import type { PacingConfig, PostDecision } from '../../../shared/domain/accounts';
import type { PlatformId } from '../../../shared/domain/platforms';
import type { AccountsRepository, StoredAccount } from './accounts-repository';
import { historyHorizon, type PlatformPost } from './pacing/platform-caps';
import { decidePost, type PacingInput } from './pacing/pacing-rules';
import { SlotPlanner } from './pacing/slot-planner';

/** What the pacing rules need of an account. */
export function pacingAccountOf(account: StoredAccount): PacingInput['account'] {
  return {
    id: account.id,
    platform: account.platform,
    status: account.status,
    statusReason: account.status_reason,
    rateLimitedUntil: account.rate_limited_until,
    limits: {
      postsPerHour: account.limit_per_hour,
      postsPerDay: account.limit_per_day,
      minGapMinutes: account.min_gap_minutes,
    },
  };
}

/** The pacing decision for one account from its own and its platform's recent posts. */
export async function decideFromHistory(
  repo: AccountsRepository,
  account: StoredAccount,
  config: PacingConfig,
  timeZone: string,
  now: number,
): Promise<PostDecision> {
  const since = historyHorizon(now, timeZone);
  return decidePost({
    now,
    timeZone,
    account: pacingAccountOf(account),
    accountPosts: await repo.postTimes(account.id, since),
    platformPosts: await repo.platformPosts(account.platform, since),
    config,
  });
}

/** A slot planner over every account, their history read once. */
export async function planSlots(
  repo: AccountsRepository,
  config: PacingConfig,
  timeZone: string,
  now: number,
): Promise<SlotPlanner> {
  const since = historyHorizon(now, timeZone);
  const stored = await repo.list();
  const accountPosts = new Map<string, number[]>();
  const platformPosts = new Map<PlatformId, PlatformPost[]>();
  for (const account of stored) {
    accountPosts.set(account.id, await repo.postTimes(account.id, since));
    if (!platformPosts.has(account.platform))
      platformPosts.set(account.platform, await repo.platformPosts(account.platform, since));
  }
  return new SlotPlanner({
    now,
    timeZone,
    config,
    accounts: new Map(stored.map((account) => [account.id, pacingAccountOf(account)])),
    accountPosts,
    platformPosts,
  });
}

/** Posts read once for many accounts (newest first, as the rules want), grouped both ways. */
export function groupPosts<Post extends { accountId: string; platform: string; postedAt: number }>(
  posts: Post[],
): { byAccount: Map<string, number[]>; byPlatform: Map<string, Post[]> } {
  const byAccount = new Map<string, number[]>();
  const byPlatform = new Map<string, Post[]>();
  for (const post of posts) {
    const own = byAccount.get(post.accountId) ?? [];
    own.push(post.postedAt);
    byAccount.set(post.accountId, own);
    const platform = byPlatform.get(post.platform) ?? [];
    platform.push(post);
    byPlatform.set(post.platform, platform);
  }
  return { byAccount, byPlatform };
}
