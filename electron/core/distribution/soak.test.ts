import { expect, it } from 'vitest';
import { runSoak } from './testing/soak';

/**
 * The short soak: two seeded runs of the engine as a child process over the five emulators,
 * with random faults and a SIGKILL and restart. `npm run soak` runs fifty.
 */
it('posts every video to every platform exactly once through faults, kills and restarts', async () => {
  const figures = await runSoak({
    runs: 2,
    seed: 20_261_129,
    videosPerRun: 1,
    minKills: 1,
    maxKills: 1,
    runTimeoutMs: 120_000,
  });
  expect(figures.problems).toEqual([]);
  expect(figures).toMatchObject({
    runs: 2,
    postsExpected: 10,
    postsMade: 10,
    lost: 0,
    duplicated: 0,
    integrityFailures: 0,
  });
  expect(figures.kills).toBeGreaterThan(0);
  // The seed was chosen so that these runs lose answers to the calls that create posts.
  expect(figures.faults.some((fault) => fault.endsWith('lost answer'))).toBe(true);
}, 300_000);
