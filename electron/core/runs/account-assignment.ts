import type { Distribution } from '../../../shared/domain/configs';

export interface Assignment {
  /** One entry per video: the accounts it goes to (empty when no account is chosen). */
  accounts: string[][];
  /** The strategy's position to store for the next run. */
  cursor: number;
}

/**
 * Gives each of a run's videos its accounts.
 * - crossPost mode: every video to every chosen account (each once); the cursor stays.
 * Spread mode, by strategy:
 * - sequential: the whole run goes to one account; the next run moves to the next account.
 * - roundRobin: each video goes to the next account, continuing across runs.
 * - random: accounts drawn uniformly, without repeating one inside a run while others remain.
 * - weighted: accounts drawn in proportion to their weights (missing weight = 1, 0 = never).
 */
export function assignAccounts(
  distribution: Distribution,
  videos: number,
  cursor: number,
  random: () => number,
): Assignment {
  const ids = distribution.accountIds;
  const n = ids.length;
  if (n === 0) return { accounts: Array.from({ length: videos }, () => []), cursor };
  if (distribution.mode === 'crossPost') {
    const every = [...new Set(ids)];
    return { accounts: Array.from({ length: videos }, () => [...every]), cursor };
  }
  const at = (index: number) => ids[((index % n) + n) % n] as string;
  switch (distribution.strategy) {
    case 'sequential': {
      const account = at(cursor);
      return {
        accounts: Array.from({ length: videos }, () => [account]),
        cursor: (cursor + 1) % n,
      };
    }
    case 'roundRobin':
      return {
        accounts: Array.from({ length: videos }, (_, i) => [at(cursor + i)]),
        cursor: (cursor + videos) % n,
      };
    case 'random': {
      const accounts: string[][] = [];
      let pool: string[] = [];
      for (let i = 0; i < videos; i += 1) {
        if (pool.length === 0) pool = [...ids];
        const index = Math.min(pool.length - 1, Math.floor(random() * pool.length));
        accounts.push([pool.splice(index, 1)[0] as string]);
      }
      return { accounts, cursor };
    }
    case 'weighted': {
      const weights = ids.map((id) => Math.max(0, distribution.weights[id] ?? 1));
      const total = weights.reduce((sum, w) => sum + w, 0);
      const accounts: string[][] = [];
      for (let i = 0; i < videos; i += 1) {
        if (total <= 0) {
          accounts.push([]);
          continue;
        }
        let target = random() * total;
        let chosen = ids.findIndex((_, k) => {
          target -= weights[k] as number;
          return target < 0;
        });
        if (chosen < 0) chosen = weights.findLastIndex((w) => w > 0);
        accounts.push([ids[chosen] as string]);
      }
      return { accounts, cursor };
    }
  }
}
