/**
 * Scheduler catch-up benchmark: how long the scheduler's tick takes after the machine slept,
 * for 10,000 configs.
 *
 * 1. The occurrence arithmetic of a tick (per config: the latest missed occurrence, how many
 *    were missed, the next one), for the cases: a per-minute
 *    cron asleep 90 days across a daylight-saving change, 24 hours across a change, 30 days,
 *    and 10,000 rules of all kinds in 12 zones asleep from a minute to two years. "First" is the
 *    first tick of the process (zone offsets not read yet), "then" the median of five more.
 * 2. A real tick through the engine (SQLite, one catch-up run per config, render jobs queued) for
 *    1,000 configs (each starts a run, which is database work of its own): its total time, and
 *    the longest the event loop waited meanwhile (the windows freeze for that long in the
 *    desktop app; the tick gives the loop a turn every 10 ms).
 *
 *   npm run bench:scheduler
 *   npx tsx bench/scheduler-bench.ts 2000 200   # fewer configs (arithmetic, engine)
 */
import { performance } from 'node:perf_hooks';
import type { Schedule, ScheduleRule } from '../shared/domain/configs';
import { sampleConfig } from '../electron/core/configs/testing/sample-config';
import { latestOccurrence, nextOccurrence } from '../electron/core/scheduler/occurrences';
import { FakeClock } from '../electron/core/testing/fake-clock';
import { createTestEngine } from '../electron/core/testing/test-engine';

const count = Number(process.argv[2] ?? process.env.SCHEDULER_BENCH_COUNT ?? 10_000);
const engineCount = Number(process.argv[3] ?? process.env.SCHEDULER_BENCH_ENGINE_COUNT ?? 1_000);
if (![count, engineCount].every((value) => Number.isInteger(value) && value >= 1)) {
  console.error(
    'Give the numbers of configs as whole numbers (arguments, or SCHEDULER_BENCH_COUNT and SCHEDULER_BENCH_ENGINE_COUNT).',
  );
  process.exit(2);
}

const MINUTE = 60_000;
const DAY = 86_400_000;
const ms = (value: number) => `${value.toFixed(1)} ms`;

interface BenchConfig {
  schedule: Schedule;
  createdAt: number;
  /** The stored next run: the first occurrence the machine slept through. */
  expected: number;
}

function configsFor(schedules: Schedule[], asleepFrom: number): BenchConfig[] {
  return schedules.map((schedule) => ({
    // A copy per config, as each config row is read on its own.
    schedule: structuredClone(schedule),
    createdAt: asleepFrom - DAY,
    expected: nextOccurrence(schedule, asleepFrom, asleepFrom - DAY) ?? asleepFrom,
  }));
}

/** What `startDueRuns` computes for each due config, without the database. */
function tick(configs: BenchConfig[], now: number): number {
  let missed = 0;
  for (const config of configs) {
    const { schedule, createdAt, expected } = config;
    missed += latestOccurrence(schedule, expected - 1, now, createdAt).count;
    nextOccurrence(schedule, now, createdAt);
  }
  return missed;
}

interface Timing {
  wall: number;
  /** This process's CPU time: what the tick costs whatever else the machine is running. */
  cpu: number;
}

function timed(run: () => void): Timing {
  const cpu = process.cpuUsage();
  const start = performance.now();
  run();
  const used = process.cpuUsage(cpu);
  return { wall: performance.now() - start, cpu: (used.user + used.system) / 1000 };
}

const both = (timing: Timing) => `${ms(timing.wall)} (CPU ${ms(timing.cpu)})`;

function timeTicks(name: string, configs: BenchConfig[], now: number): void {
  let missed = 0;
  const first = timed(() => (missed = tick(configs, now)));
  const times = Array.from({ length: 5 }, () => timed(() => tick(configs, now)));
  times.sort((a, b) => a.wall - b.wall);
  console.log(`${name}: ${missed.toLocaleString('en')} missed occurrences counted`);
  console.log(`  first tick ${both(first)}, then ${both(times[2] as Timing)} (median of 5)`);
}

function random(seed: number) {
  let state = seed;
  return (max: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state % max;
  };
}

const zones = [
  'Europe/Paris',
  'America/New_York',
  'America/Los_Angeles',
  'Europe/London',
  'Australia/Sydney',
  'America/Santiago',
  'Pacific/Auckland',
  'Asia/Kolkata',
  'Asia/Tokyo',
  'America/Sao_Paulo',
  'Africa/Casablanca',
  'UTC',
];

function mixedRule(pick: (max: number) => number): ScheduleRule {
  switch (pick(4)) {
    case 0:
      return { kind: 'hourly', minute: pick(60) };
    case 1:
      return { kind: 'daily', times: ['02:30', `${String(10 + pick(10))}:${String(pick(6))}5`] };
    case 2:
      return { kind: 'interval', everyMinutes: 5 + pick(600) };
    default:
      return {
        kind: 'cron',
        expression: [`*/${1 + pick(30)} * * * *`, '30 2 * * 1-5', `${pick(60)} 9 1-7 * MON`][
          pick(3)
        ] as string,
      };
  }
}

function perMinute(timeZone: string): Schedule {
  return {
    rule: { kind: 'cron', expression: '* * * * *' },
    timeZone,
    startDate: null,
    endDate: null,
  };
}

console.log(
  `Scheduler catch-up, ${count.toLocaleString('en')} configs (wall time, and this process's CPU time)\n`,
);
console.log('1. Occurrence arithmetic of one tick (latest missed, how many, next)');
const paris = Array.from({ length: count }, () => perMinute('Europe/Paris'));
const slept90 = Date.parse('2026-01-15T10:00:00Z');
timeTicks(
  'per-minute cron, 90 days asleep across a DST change',
  configsFor(paris, slept90),
  slept90 + 90 * DAY,
);
const slept24 = Date.parse('2026-10-24T12:00:00Z');
timeTicks(
  'per-minute cron, 24 h asleep across a DST change',
  configsFor(paris, slept24),
  slept24 + DAY,
);
const slept30 = Date.parse('2026-05-01T10:00:00Z');
timeTicks('per-minute cron, 30 days asleep', configsFor(paris, slept30), slept30 + 30 * DAY);
const pick = random(42);
const now = Date.parse('2026-11-02T08:00:00Z');
const mixed = Array.from({ length: count }, (): BenchConfig => {
  const schedule: Schedule = {
    rule: mixedRule(pick),
    timeZone: zones[pick(zones.length)] as string,
    startDate: null,
    endDate: null,
  };
  const asleep = [MINUTE, 2 * 3_600_000, DAY, 30 * DAY, 90 * DAY, 730 * DAY][pick(6)] as number;
  return configsFor([schedule], now - asleep - pick(60) * MINUTE)[0] as BenchConfig;
});
timeTicks('mixed rules, 12 zones, asleep 1 minute to 2 years', mixed, now);

console.log(
  `\n2. A real tick through the engine, ${engineCount.toLocaleString('en')} configs (SQLite, a catch-up run each)`,
);
const clock = new FakeClock(slept90);
const engine = await createTestEngine({
  clock,
  options: {
    autoStart: false,
    shutdownGraceMs: 0,
    // The tick only queues render jobs; nothing renders during the measure.
    generation: {
      media: { pick: async () => [] },
      render: { render: async () => ({ outputPath: '/dev/null', durationMs: 0 }) },
    },
  },
});
try {
  const created = await engine.engine.invoke(
    'configs:create',
    sampleConfig({ kind: 'cron', expression: '* * * * *' }, 'Europe/Paris'),
  );
  if (!created.ok) throw new Error(created.error.message);
  const raw = engine.engine.database.raw;
  const template = raw
    .prepare('SELECT * FROM configs WHERE id = ?')
    .get((created.value as { id: string }).id) as Record<string, unknown>;
  const insert = raw.prepare(
    'INSERT INTO configs (id, name, definition, active, next_run_at, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?, ?)',
  );
  raw.transaction(() => {
    for (let index = 1; index < engineCount; index += 1) {
      insert.run(
        `bench-${index}`,
        `Bench ${index}`,
        template.definition,
        template.next_run_at,
        template.created_at,
        template.updated_at,
      );
    }
  })();
  clock.jump(90 * DAY);
  let longest = 0;
  let last = performance.now();
  let probing = true;
  const probe = () => {
    const at = performance.now();
    longest = Math.max(longest, at - last);
    last = at;
    if (probing) setImmediate(probe);
  };
  setImmediate(probe);
  const cpu = process.cpuUsage();
  const start = performance.now();
  const started = await engine.engine.services.scheduler.tick('resume');
  const total = performance.now() - start;
  const used = process.cpuUsage(cpu);
  probing = false;
  console.log(`${started.length.toLocaleString('en')} catch-up runs started`);
  console.log(
    `  tick ${both({ wall: total, cpu: (used.user + used.system) / 1000 })}, longest event-loop wait ${ms(longest)}`,
  );
} finally {
  await engine.dispose();
}
