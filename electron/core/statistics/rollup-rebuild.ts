import { factStore } from './fact-store';
import { postFact, rebucketPostFact, rebucketRenderFact, renderFact } from './facts';
import { rollupGrains, type StatisticsRepository } from './statistics-repository';

/** Rows per transaction: each chunk holds the event loop for a few milliseconds only. */
const CHUNK = 500;

export interface RebuildProgress {
  done: number;
  total: number;
}

export interface RebuildDeps {
  repository: StatisticsRepository;
  timeZone: string;
  progress(progress: RebuildProgress): void;
  /** Lets other work run between chunks. */
  pause(): Promise<void>;
  signal?: AbortSignal | undefined;
}

/**
 * Builds the facts and rollups again from the raw tables, in the given zone:
 *
 * 1. every post target and run video still in the raw tables gets its fact worked out again,
 *    chunk by chunk, each chunk read and written in one transaction (events recorded meanwhile
 *    land on facts that are already right, or are redone by a later chunk);
 * 2. facts whose raw rows are gone (deleted, or removed by retention) are kept and only bucketed
 *    in the zone again: statistics are a record of what happened;
 * 3. each grain of the rollups is summed from the facts again in one transaction.
 *
 * A post keeps a reading newer than any left in the raw tables (retention thinned its history),
 * so a rebuild never lowers figures of closed periods.
 */
export async function rebuildRollups(deps: RebuildDeps): Promise<RebuildProgress> {
  const { repository, timeZone } = deps;
  const db = repository.db;
  const total = await repository.countRaw();
  let done = 0;
  const step = async (count: number) => {
    done += count;
    deps.progress({ done, total });
    deps.signal?.throwIfAborted();
    await deps.pause();
  };

  for (let after = ''; ;) {
    const count = await db.transaction().execute(async (trx) => {
      const targets = await repository.rawTargetsAfter(trx, after, CHUNK);
      const ids = targets.map((t) => t.id);
      const readings = await repository.latestReadings(trx, ids);
      const stored = await repository.postFactsOf(trx, ids);
      for (const target of targets) {
        const fact = postFact(
          target,
          readings.get(target.id) ?? null,
          stored.get(target.id) ?? null,
          timeZone,
        );
        await factStore.writePostFact(trx, fact);
      }
      after = ids.at(-1) ?? after;
      return targets.length;
    });
    if (count === 0) break;
    await step(count);
  }

  for (let after = ''; ;) {
    const count = await db.transaction().execute(async (trx) => {
      const videos = await repository.rawRunVideosAfter(trx, after, CHUNK);
      for (const video of videos) {
        const fact = renderFact(video, timeZone);
        if (fact) await factStore.writeRenderFact(trx, fact);
        else await factStore.deleteRenderFact(trx, video.id);
      }
      after = videos.at(-1)?.id ?? after;
      return videos.length;
    });
    if (count === 0) break;
    await step(count);
  }

  for (let after = ''; ;) {
    const count = await db.transaction().execute(async (trx) => {
      const facts = await repository.orphanPostFactsAfter(trx, after, CHUNK);
      for (const fact of facts)
        await factStore.writePostFact(trx, rebucketPostFact(fact, timeZone));
      after = facts.at(-1)?.target_id ?? after;
      return facts.length;
    });
    if (count === 0) break;
    await deps.pause();
  }
  for (let after = ''; ;) {
    const count = await db.transaction().execute(async (trx) => {
      const facts = await repository.orphanRenderFactsAfter(trx, after, CHUNK);
      for (const fact of facts) {
        await factStore.writeRenderFact(trx, rebucketRenderFact(fact, timeZone));
      }
      after = facts.at(-1)?.run_video_id ?? after;
      return facts.length;
    });
    if (count === 0) break;
    await deps.pause();
  }

  for (const grain of rollupGrains) {
    await db.transaction().execute((trx) => repository.rebuildGrain(trx, grain));
    deps.signal?.throwIfAborted();
    await deps.pause();
  }
  return { done, total };
}
