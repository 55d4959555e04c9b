/**
 * The exactly-once soak: the engine as a child process over the five emulators, random fault
 * switches (5xx, 429, dropped connections, servers that never answer, slow processing past the
 * poll budget, lost answers to the call that creates the post, expired tokens), SIGKILL at
 * random moments and a restart each time, run after run. Then every post is counted on the
 * platforms: the goal is 0 lost and 0 duplicated.
 *
 *   npm run soak                          # 50 runs
 *   SOAK_RUNS=5 SOAK_SEED=7 npm run soak  # a short one, replayable by its seed
 */
import { runSoak } from '../electron/core/distribution/testing/soak';

const runs = Number(process.env.SOAK_RUNS ?? 50);
const seed = Number(process.env.SOAK_SEED ?? Date.now() % 1_000_000);
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed)) {
  console.error('SOAK_RUNS and SOAK_SEED must be whole numbers (runs at least 1).');
  process.exit(2);
}

const started = Date.now();
console.log(`soak: ${runs} runs, seed ${seed}`);
const figures = await runSoak({
  runs,
  seed,
  videosPerRun: Number(process.env.SOAK_VIDEOS ?? 3),
  maxKills: 3,
  runTimeoutMs: 180_000,
  log: (line) => console.log(line),
});
console.log('');
console.log(`runs                      ${figures.runs}`);
console.log(`posts expected            ${figures.postsExpected}`);
console.log(`posts made                ${figures.postsMade}`);
console.log(`lost                      ${figures.lost}`);
console.log(`duplicated                ${figures.duplicated}`);
console.log(`integrity_check failures  ${figures.integrityFailures}`);
console.log(`engine kills (SIGKILL)    ${figures.kills}`);
console.log(
  `worst time a post took    ${(figures.worstPostMs / 1000).toFixed(1)} s${figures.worstPost ? ` (${figures.worstPost})` : ''}`,
);
console.log(`soak took                 ${((Date.now() - started) / 60_000).toFixed(1)} min`);
if (figures.problems.length > 0)
  console.log(`${figures.problems.length} problem(s), listed above with "!"`);
process.exit(
  figures.lost === 0 && figures.duplicated === 0 && figures.integrityFailures === 0 ? 0 : 1,
);
