import { sql } from 'kysely';
import { describeError } from '../errors';
import type { Logger } from '../ports';
import type {
  PostRollupCounters,
  RenderRollupCounters,
  StatsPostFactRow,
  StatsRenderFactRow,
} from '../db/schema';
import { difference, negate, postCounters, postFact, renderCounters, renderFact } from './facts';
import type { StatisticsRecorder } from './statistics-recorder';
import {
  bucketColumn,
  rollupGrains,
  type Executor,
  type StatisticsRepository,
} from './statistics-repository';

export interface FactRecorderDeps {
  repository: StatisticsRepository;
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
  private savepoints = 0;

  constructor(private readonly deps: FactRecorderDeps) {}

  async postChanged(db: Executor, targetId: string): Promise<void> {
    const zone = this.deps.zone();
    // Before start-up: the start-up check queues a rebuild, which counts this change.
    if (zone === null) return;
    await this.guarded(db, { targetId }, async () => {
      const { repository } = this.deps;
      const raw = await repository.rawTarget(db, targetId);
      if (!raw) return;
      const stored = await repository.postFact(db, targetId);
      const next = postFact(raw, await repository.latestReading(db, targetId), stored, zone);
      if (stored && sameRow(next, stored)) return;
      await this.movePost(db, stored, next);
      await repository.writePostFact(db, next);
    });
  }

  async renderChanged(db: Executor, runVideoId: string): Promise<void> {
    const zone = this.deps.zone();
    if (zone === null) return;
    await this.guarded(db, { runVideoId }, async () => {
      const { repository } = this.deps;
      const raw = await repository.rawRunVideo(db, runVideoId);
      if (!raw) return;
      const stored = await repository.renderFact(db, runVideoId);
      const next = renderFact(raw, zone);
      if (stored === null && next === null) return;
      if (stored && next && sameRow(next, stored)) return;
      await this.moveRender(db, stored, next);
      if (next) await repository.writeRenderFact(db, next);
      else await repository.deleteRenderFact(db, runVideoId);
    });
  }

  /** Moves a post's counters from its old rows to its new ones, in every grain. */
  private async movePost(db: Executor, old: StatsPostFactRow | null, next: StatsPostFactRow) {
    const { repository } = this.deps;
    const oldCounters = old ? postCounters(old) : null;
    const nextCounters = postCounters(next);
    for (const grain of rollupGrains) {
      const column = bucketColumn(grain);
      const key = (fact: StatsPostFactRow) => ({
        grain,
        bucket: fact[column],
        platform: fact.platform,
        account_id: fact.account_id,
        config_id: fact.config_id,
      });
      const nextKey = key(next);
      if (old && oldCounters && sameRow(key(old), nextKey)) {
        const delta = difference<PostRollupCounters>(nextCounters, oldCounters);
        if (delta) await repository.addToPostRollup(db, nextKey, delta);
        continue;
      }
      await repository.addToPostRollup(db, nextKey, nextCounters);
      if (old && oldCounters) await repository.addToPostRollup(db, key(old), negate(oldCounters));
    }
  }

  private async moveRender(
    db: Executor,
    old: StatsRenderFactRow | null,
    next: StatsRenderFactRow | null,
  ) {
    const { repository } = this.deps;
    for (const grain of rollupGrains) {
      const column = bucketColumn(grain);
      const key = (fact: StatsRenderFactRow) => ({
        grain,
        bucket: fact[column],
        config_id: fact.config_id,
      });
      if (old && next && sameRow(key(old), key(next))) {
        const delta = difference<RenderRollupCounters>(renderCounters(next), renderCounters(old));
        if (delta) await repository.addToRenderRollup(db, key(next), delta);
        continue;
      }
      if (next) await repository.addToRenderRollup(db, key(next), renderCounters(next));
      if (old) await repository.addToRenderRollup(db, key(old), negate(renderCounters(old)));
    }
  }

  /**
   * Runs the recording under a savepoint of the event's transaction: a failure undoes only the
   * recording (the rollups are then rebuilt), never the post or the render being written.
   */
  private async guarded(db: Executor, about: object, work: () => Promise<void>): Promise<void> {
    const name = sql.raw(`statistics_${++this.savepoints}`);
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
