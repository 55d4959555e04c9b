import type { PacingConfig } from '../../../../shared/domain/accounts';
import type { PlatformId } from '../../../../shared/domain/platforms';
import { decidePost, type PacingInput } from './pacing-rules';
import type { PlatformPost } from './platform-caps';

/** What the pacing rules look at, read once, so that many times can be asked about cheaply. */
export interface PacingFacts {
  now: number;
  timeZone: string;
  config: PacingConfig;
  accounts: ReadonlyMap<string, PacingInput['account']>;
  /** Each account's posts, newest first. */
  accountPosts: ReadonlyMap<string, readonly number[]>;
  /** Each platform's posts over all its accounts, newest first. */
  platformPosts: ReadonlyMap<PlatformId, readonly PlatformPost[]>;
}

/** Where a post may go: the first time the rules allow, or null and why only the person can. */
export interface FreeSlot {
  at: number | null;
  /** Why it is not earlier (the rule that held it back last), or why it is held; null: free. */
  reason: string | null;
}

export interface SlotRequest {
  id: string;
  accountId: string;
  /** Not before this (the person's time, a retry's wait); `now` at the earliest. */
  earliest: number;
  /** Goes at `earliest` whatever the rules say (an upload already under way). */
  fixed?: boolean;
}

// One question walks forward rule by rule; each step jumps to the time the blocking rule
// names, so this bounds pathological inputs, never a real plan.
const MAX_STEPS = 1000;

/**
 * The pacing rules applied to posts ReelPilot means to make, on top of the posts made: each
 * planned post takes its time, and later questions see it as made. Gives the queue's and
 * calendar's "planned for" times, and says why a time the person picks is refused.
 */
export class SlotPlanner {
  private readonly plannedByAccount = new Map<string, number[]>();
  private readonly plannedByPlatform = new Map<PlatformId, PlatformPost[]>();

  constructor(private readonly facts: PacingFacts) {}

  get now(): number {
    return this.facts.now;
  }

  get timeZone(): string {
    return this.facts.timeZone;
  }

  /** The first time at or after `from` (and now) the account may post. */
  firstFree(accountId: string, from: number): FreeSlot {
    const account = this.facts.accounts.get(accountId);
    if (!account)
      return {
        at: null,
        reason: 'The account was removed from ReelPilot. Connect it again to post there.',
      };
    let at = Math.max(from, this.facts.now);
    let reason: string | null = null;
    for (let step = 0; step < MAX_STEPS; step += 1) {
      const decision = decidePost({
        now: at,
        timeZone: this.facts.timeZone,
        account,
        accountPosts: this.postsOf(accountId),
        platformPosts: this.platformPostsOf(account.platform),
        config: this.facts.config,
      });
      if (decision.allowed) return { at, reason };
      if (decision.at === null) return { at: null, reason: decision.reason };
      reason = decision.reason;
      at = Math.max(decision.at, at + 1);
    }
    return { at: null, reason: reason ?? 'The pacing rules leave no time for this post.' };
  }

  /** Counts a post at `at` from now on, as if it were made. */
  take(accountId: string, at: number): void {
    const account = this.facts.accounts.get(accountId);
    if (!account) return;
    insertNewestFirst(this.plannedByAccount, accountId, at, (t) => t);
    const cost = account.platform === 'x' ? this.facts.config.xCostPerPostUsd : 0;
    insertNewestFirst(
      this.plannedByPlatform,
      account.platform,
      { accountId, postedAt: at, costUsd: cost },
      (p) => p.postedAt,
    );
  }

  /**
   * Places each request in turn, earliest first (ties in the order given): the first time the
   * rules allow after the posts made and the ones placed before it.
   */
  plan(requests: readonly SlotRequest[]): Map<string, FreeSlot> {
    const order = requests
      .map((request, index) => ({ request, index }))
      .sort((a, b) => a.request.earliest - b.request.earliest || a.index - b.index);
    const slots = new Map<string, FreeSlot>();
    for (const { request } of order) {
      const slot = request.fixed
        ? { at: Math.max(request.earliest, this.facts.now), reason: null }
        : this.firstFree(request.accountId, request.earliest);
      if (slot.at !== null) this.take(request.accountId, slot.at);
      slots.set(request.id, slot);
    }
    return slots;
  }

  private postsOf(accountId: string): number[] {
    return mergeNewestFirst(
      this.facts.accountPosts.get(accountId) ?? [],
      this.plannedByAccount.get(accountId) ?? [],
      (t) => t,
    );
  }

  private platformPostsOf(platform: PlatformId): PlatformPost[] {
    return mergeNewestFirst(
      this.facts.platformPosts.get(platform) ?? [],
      this.plannedByPlatform.get(platform) ?? [],
      (p) => p.postedAt,
    );
  }
}

function insertNewestFirst<K, T>(map: Map<K, T[]>, key: K, item: T, time: (item: T) => number) {
  const list = map.get(key) ?? [];
  const index = list.findIndex((other) => time(other) < time(item));
  list.splice(index === -1 ? list.length : index, 0, item);
  map.set(key, list);
}

function mergeNewestFirst<T>(a: readonly T[], b: readonly T[], time: (item: T) => number): T[] {
  if (b.length === 0) return [...a];
  return [...a, ...b].sort((x, y) => time(y) - time(x));
}
