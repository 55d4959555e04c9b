import { describe, expect, it } from 'vitest';
import type { Distribution } from '../../../shared/domain/configs';
import { assignAccounts } from './account-assignment';

const ids = ['a', 'b', 'c'];
const base: Distribution = {
  mode: 'spread',
  strategy: 'sequential',
  accountIds: ids,
  weights: {},
  videosPerRun: 1,
};

/** A repeatable sequence of "random" numbers. */
function sequence(...values: number[]) {
  let i = 0;
  return () => values[i++ % values.length] as number;
}

describe('cross-posting', () => {
  it('sends every video to every chosen account, whatever the strategy, and keeps the cursor', () => {
    for (const strategy of ['sequential', 'roundRobin', 'random', 'weighted'] as const) {
      const result = assignAccounts({ ...base, mode: 'crossPost', strategy }, 2, 1, Math.random);
      expect(result).toEqual({ accounts: [ids, ids], cursor: 1 });
    }
  });
});

describe('distribution strategies', () => {
  it('sequential: a whole run goes to one account, the next run to the next', () => {
    const first = assignAccounts({ ...base, strategy: 'sequential' }, 2, 0, Math.random);
    expect(first).toEqual({ accounts: [['a'], ['a']], cursor: 1 });
    const third = assignAccounts({ ...base, strategy: 'sequential' }, 2, 2, Math.random);
    expect(third).toEqual({ accounts: [['c'], ['c']], cursor: 0 });
  });

  it('roundRobin: each video to the next account, continuing across runs', () => {
    const first = assignAccounts({ ...base, strategy: 'roundRobin' }, 2, 0, Math.random);
    expect(first).toEqual({ accounts: [['a'], ['b']], cursor: 2 });
    const second = assignAccounts(
      { ...base, strategy: 'roundRobin' },
      4,
      first.cursor,
      Math.random,
    );
    expect(second).toEqual({ accounts: [['c'], ['a'], ['b'], ['c']], cursor: 0 });
  });

  it('random: no account twice in a run while others remain', () => {
    const result = assignAccounts(
      { ...base, strategy: 'random' },
      4,
      0,
      sequence(0.99, 0.99, 0.0, 0.5),
    );
    expect(result.accounts).toEqual([['c'], ['b'], ['a'], ['b']]);
    for (let run = 0; run < 50; run += 1) {
      const spread = assignAccounts(
        { ...base, strategy: 'random' },
        3,
        0,
        Math.random,
      ).accounts.flat();
      expect(new Set(spread).size).toBe(3);
    }
  });

  it('weighted: shares follow the weights, and a zero weight is never picked', () => {
    const weighted: Distribution = {
      ...base,
      strategy: 'weighted',
      weights: { a: 3, b: 1, c: 0 },
    };
    expect(assignAccounts(weighted, 3, 0, sequence(0.0, 0.74, 0.76)).accounts).toEqual([
      ['a'],
      ['a'],
      ['b'],
    ]);
    let seed = 7;
    const lcg = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const counts: Record<string, number> = { a: 0, b: 0, c: 0 };
    for (const [id] of assignAccounts(weighted, 4000, 0, lcg).accounts) counts[id as string]! += 1;
    expect(counts.c).toBe(0);
    expect((counts.a as number) / 4000).toBeGreaterThan(0.7);
    expect((counts.a as number) / 4000).toBeLessThan(0.8);
  });

  it('without accounts every video is rendered but goes nowhere yet', () => {
    expect(
      assignAccounts({ ...base, strategy: 'roundRobin', accountIds: [] }, 2, 5, Math.random),
    ).toEqual({ accounts: [[], []], cursor: 5 });
  });
});
