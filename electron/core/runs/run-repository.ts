import { sql, type Kysely, type Transaction } from 'kysely';
import type { StatisticsRecorder } from '../statistics/statistics-module';
import type {
  ConfigRow,
  ConfigRunRow,
  ConfigRunVideoRow,
  ConfigRunVideoUpdate,
  Database,
  NewConfigRunRow,
  NewConfigRunVideoRow,
} from '../db/schema';

export type ConfigRunWithVideos = ConfigRunRow & { videos: ConfigRunVideoRow[] };

/**
 * SQL for runs and their videos, and for the runs' bookkeeping on the config row: when it is
 * next due (`next_run_at`) and where its account and media orders stand (the cursors). The
 * services decide what the rows mean.
 */
export class RunRepository {
  constructor(
    private readonly db: Kysely<Database>,
    /** Told of every change of a video's outcome, in the transaction that writes it. */
    private readonly statistics: StatisticsRecorder,
  ) {}

  async due(now: number): Promise<ConfigRow[]> {
    return this.db
      .selectFrom('configs')
      .selectAll()
      .where('active', '=', 1)
      .where('next_run_at', 'is not', null)
      .where('next_run_at', '<=', now)
      .orderBy('next_run_at')
      .execute();
  }

  async earliestNextRun(): Promise<number | null> {
    const row = await this.db
      .selectFrom('configs')
      .select((eb) => eb.fn.min('next_run_at').as('at'))
      .where('active', '=', 1)
      .executeTakeFirst();
    return (row?.at as number | null | undefined) ?? null;
  }

  /** Moves a config's next run without starting one (its schedule changed or ended). */
  async setNextRun(configId: string, nextRunAt: number | null, now: number): Promise<void> {
    await this.db
      .updateTable('configs')
      .set({ next_run_at: nextRunAt, updated_at: now })
      .where('id', '=', configId)
      .execute();
  }

  /**
   * Takes one occurrence: moves the config's next run from `expectedNext` to `newNext` and
   * records the run, in one transaction. Returns null when the occurrence was already taken
   * (another scheduler moved the next run, or a run for that time exists).
   */
  async claimOccurrence(
    configId: string,
    expectedNext: number,
    newNext: number | null,
    run: NewConfigRunRow,
  ): Promise<ConfigRunRow | null> {
    return this.db.transaction().execute(async (trx) => {
      const moved = await trx
        .updateTable('configs')
        .set({ next_run_at: newNext })
        .where('id', '=', configId)
        .where('next_run_at', '=', expectedNext)
        .executeTakeFirst();
      if (moved.numUpdatedRows === 0n) return null;
      const inserted = await trx
        .insertInto('config_runs')
        .values(run)
        .onConflict((oc) => oc.columns(['config_id', 'scheduled_for']).doNothing())
        .returningAll()
        .executeTakeFirst();
      return inserted ?? null;
    });
  }

  async insertRun(run: NewConfigRunRow): Promise<ConfigRunRow> {
    return this.db.insertInto('config_runs').values(run).returningAll().executeTakeFirstOrThrow();
  }

  /**
   * Inserts `run` unless its config has a run starting or rendering (`pending`, `running`): one
   * INSERT … SELECT … WHERE NOT EXISTS, atomic in SQLite even across connections. Answers the
   * busy run when it refused.
   */
  async insertRunUnlessBusy(
    run: NewConfigRunRow,
  ): Promise<{ run: ConfigRunRow } | { busy: ConfigRunWithVideos }> {
    const columns = Object.keys(run) as Array<keyof NewConfigRunRow & string>;
    const inserted = await this.db
      .insertInto('config_runs')
      .columns(columns)
      .expression(
        this.db
          .selectNoFrom((eb) => columns.map((column) => eb.val(run[column]).as(column)))
          .where(({ not, exists, selectFrom }) =>
            not(
              exists(
                selectFrom('config_runs')
                  .select('id')
                  .where('config_id', '=', run.config_id)
                  .where('state', 'in', ['pending', 'running']),
              ),
            ),
          ),
      )
      .returningAll()
      .executeTakeFirst();
    if (inserted) return { run: inserted };
    const [busy] = await this.runsOfConfigInState(run.config_id, ['pending', 'running']);
    if (!busy) return this.insertRunUnlessBusy(run);
    return { busy };
  }

  private async runsOfConfigInState(
    configId: string,
    states: ConfigRunRow['state'][],
  ): Promise<ConfigRunWithVideos[]> {
    const runs = await this.db
      .selectFrom('config_runs')
      .selectAll()
      .where('config_id', '=', configId)
      .where('state', 'in', states)
      .orderBy('created_at')
      .execute();
    const videos = await this.videosOf(runs.map((r) => r.id));
    return runs.map((r) => ({ ...r, videos: videos.filter((v) => v.run_id === r.id) }));
  }

  /** Records the run unless one exists under its request key; returns the one that exists. */
  async insertRunOnce(run: NewConfigRunRow & { request_key: string }): Promise<ConfigRunRow> {
    const inserted = await this.db
      .insertInto('config_runs')
      .values(run)
      .onConflict((oc) => oc.column('request_key').doNothing())
      .returningAll()
      .executeTakeFirst();
    return (
      inserted ??
      this.db
        .selectFrom('config_runs')
        .selectAll()
        .where('request_key', '=', run.request_key)
        .executeTakeFirstOrThrow()
    );
  }

  async getRun(id: string): Promise<ConfigRunWithVideos | null> {
    const run = await this.db
      .selectFrom('config_runs')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!run) return null;
    return { ...run, videos: await this.videosOf([run.id]) };
  }

  async runsInState(states: ConfigRunRow['state'][]): Promise<ConfigRunRow[]> {
    return this.db
      .selectFrom('config_runs')
      .selectAll()
      .where('state', 'in', states)
      .orderBy('created_at')
      .execute();
  }

  async history(filter: {
    configId?: string | undefined;
    limit: number;
    before?: number | undefined;
  }): Promise<ConfigRunWithVideos[]> {
    let query = this.db.selectFrom('config_runs').selectAll();
    if (filter.configId) query = query.where('config_id', '=', filter.configId);
    if (filter.before !== undefined) query = query.where('created_at', '<', filter.before);
    const runs = await query
      .orderBy('created_at', 'desc')
      .orderBy(sql`rowid`, 'desc')
      .limit(filter.limit)
      .execute();
    const videos = await this.videosOf(runs.map((run) => run.id));
    return runs.map((run) => ({ ...run, videos: videos.filter((v) => v.run_id === run.id) }));
  }

  private async videosOf(runIds: string[]): Promise<ConfigRunVideoRow[]> {
    if (runIds.length === 0) return [];
    return this.db
      .selectFrom('config_run_videos')
      .selectAll()
      .where('run_id', 'in', runIds)
      .orderBy('run_id')
      .orderBy('position')
      .execute();
  }

  /** Videos that finished rendering at or after `since`, oldest first. */
  renderedSince(since: number): Promise<ConfigRunVideoRow[]> {
    return this.db
      .selectFrom('config_run_videos')
      .selectAll()
      .where('state', '=', 'rendered')
      .where('finished_at', '>=', since)
      .orderBy('finished_at')
      .execute();
  }

  async getVideo(id: string): Promise<ConfigRunVideoRow | null> {
    return (
      (await this.db
        .selectFrom('config_run_videos')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst()) ?? null
    );
  }

  /** Where the config's account order stands (the strategy's position for the next run). */
  async distributionCursor(configId: string): Promise<number> {
    const row = await this.db
      .selectFrom('configs')
      .select('distribution_cursor')
      .where('id', '=', configId)
      .executeTakeFirst();
    return row?.distribution_cursor ?? 0;
  }

  /** Creates a pending run's videos and moves the config's cursors, in one transaction. */
  async materializeRun(
    runId: string,
    configId: string,
    videos: NewConfigRunVideoRow[],
    distributionCursor: number,
  ): Promise<void> {
    await this.db.transaction().execute(async (trx: Transaction<Database>) => {
      const started = await trx
        .updateTable('config_runs')
        .set({ state: 'running' })
        .where('id', '=', runId)
        .where('state', '=', 'pending')
        .executeTakeFirst();
      if (started.numUpdatedRows === 0n) return;
      for (const video of videos) await trx.insertInto('config_run_videos').values(video).execute();
      await trx
        .updateTable('configs')
        .set({ distribution_cursor: distributionCursor })
        .where('id', '=', configId)
        .execute();
    });
  }

  /** Reserves the next `count` items of a config's sequential media order. */
  async takeMediaOffset(configId: string, count: number): Promise<number> {
    const row = await this.db
      .updateTable('configs')
      .set((eb) => ({ media_cursor: eb('media_cursor', '+', count) }))
      .where('id', '=', configId)
      .returning('media_cursor')
      .executeTakeFirst();
    return row ? row.media_cursor - count : 0;
  }

  async updateVideo(
    id: string,
    patch: Omit<ConfigRunVideoUpdate, 'id' | 'run_id' | 'position' | 'created_at'>,
  ): Promise<void> {
    // Progress and the clips chosen count for nothing in the statistics.
    if (
      patch.state === undefined &&
      patch.render_ms === undefined &&
      patch.finished_at === undefined
    ) {
      await this.db.updateTable('config_run_videos').set(patch).where('id', '=', id).execute();
      return;
    }
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('config_run_videos').set(patch).where('id', '=', id).execute();
      await this.statistics.renderChanged(trx, id);
    });
  }

  async finishRun(
    id: string,
    state: ConfigRunRow['state'],
    error: string | null,
    now: number,
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('config_runs')
      .set({ state, error, finished_at: now })
      .where('id', '=', id)
      .where('state', 'in', ['pending', 'running'])
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }
}
