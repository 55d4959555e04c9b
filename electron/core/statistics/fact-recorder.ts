import { sql } from 'kysely';
import { describeError } from '../errors';
import type { Logger } from '../ports';
import { difference, negate, postCounters, postFact, renderCounters, renderFact } from './facts';
import type { StatisticsRecorder } from './statistics-recorder';
import { factStore, type RollupChange } from './fact-store';
import { postRollupKeys, renderRollupKeys, type Executor } from './statistics-repository';

export interface FactRecorderDeps {
  /** The zone the rollups are kept in; null until statistics has started. */
  zone(): string | null;
  logger: Logger;
  /** Something was recorded (the transaction may still be open). */
  recorded(): void;
  /** Recording failed: the rollups need a rebuild. The event's own write goes on. */
  failed(error: unknown): void;
}

function sameRow(a: object, b: object): boolean {
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  return Object.keys(left).every((key) => left[key] === right[key]);
}

/**
 * Keeps facts and rollups current as events happen: works out the changed row's fact again
 * from its raw rows and moves its counters in every grain from where the old fact put them.
 * A row deleted from the raw tables keeps its fact: statistics are a record of what happened.
 */
export class FactRecorder implements StatisticsRecorder {
  constructor(private readonly deps: FactRecorderDeps) {}

  async postChanged(db: Executor, targetId: string): Promise<void> {
    const zone = this.deps.zone();
    // Before start-up: the start-up check queues a rebuild, which counts this change.
    if (zone === null) return;
    await this.guarded(db, { targetId }, async () => {
      const raw = await factStore.rawTarget(db, targetId);
      if (!raw) return;
      const stored = await factStore.postFact(db, targetId);
      const next = postFact(raw, await factStore.latestReading(db, targetId), stored, zone);
      if (stored && sameRow(next, stored)) return;
      await factStore.addToPostRollups(db, changes(stored, next, postRollupKeys, postCounters));
      await factStore.writePostFact(db, next);
    });
  }

  async renderChanged(db: Executor, runVideoId: string): Promise<void> {
    const zone = this.deps.zone();
    if (zone === null) return;
    await this.guarded(db, { runVideoId }, async () => {
      const raw = await factStore.rawRunVideo(db, runVideoId);
      if (!raw) return;
      const stored = await factStore.renderFact(db, runVideoId);
      const next = renderFact(raw, zone);
      if (stored === null && next === null) return;
      if (stored && next && sameRow(next, stored)) return;
      await factStore.addToRenderRollups(
        db,
        changes(stored, next, renderRollupKeys, renderCounters),
      );
      if (next) await factStore.writeRenderFact(db, next);
      else await factStore.deleteRenderFact(db, runVideoId);
    });
  }

  /**
   * Runs the recording under a savepoint of the event's transaction: a failure undoes only the
   * recording (the rollups are then rebuilt), never the post or the render being written.
   */
  private async guarded(db: Executor, about: object, work: () => Promise<void>): Promise<void> {
    // One name: recordings never nest, and one text keeps the statements prepared.
    const name = sql.raw('statistics_recording');
    await sql`SAVEPOINT ${name}`.execute(db);
    try {
      await work();
      await sql`RELEASE ${name}`.execute(db);
      this.deps.recorded();
    } catch (error) {
      await sql`ROLLBACK TO ${name}`.execute(db);
      await sql`RELEASE ${name}`.execute(db);
      this.deps.logger.error('statistics not recorded; the rollups will be rebuilt', {
        ...about,
        error: describeError(error),
      });
      this.deps.failed(error);
    }
  }
}

/**
 * What a fact's change does to the rollups: its old version's counters come out of the rows it
 * counted in and the new version's go into its rows; a row both count in gets the difference
 * only (usually nothing else moves).
 */
function changes<F, K extends object, C extends object>(
  old: F | null,
  next: F | null,
  keysOf: (fact: F) => K[],
  countersOf: (fact: F) => C,
): Array<RollupChange<K, C>> {
  const oldKeys = old ? keysOf(old) : [];
  const nextKeys = next ? keysOf(next) : [];
  const oldCounters = old ? countersOf(old) : null;
  const nextCounters = next ? countersOf(next) : null;
  const result: Array<RollupChange<K, C>> = [];
  for (const key of nextKeys) {
    if (!nextCounters) continue;
    if (oldCounters && oldKeys.some((k) => sameRow(k, key))) {
      const delta = difference<C>(nextCounters, oldCounters);
      if (delta) result.push({ key, delta });
    } else {
      result.push({ key, delta: nextCounters });
    }
  }
  for (const key of oldKeys) {
    if (!oldCounters || nextKeys.some((k) => sameRow(k, key))) continue;
    result.push({ key, delta: negate(oldCounters) });
  }
  return result;
}
