import { CompiledQuery } from 'kysely';
import type {
  PostRollupCounters,
  RenderRollupCounters,
  StatsPostFactRow,
  StatsRenderFactRow,
} from '../db/schema';
import type { RawReading, RawRunVideo, RawTarget } from './facts';
import type { Executor, PostRollupKey, RenderRollupKey } from './statistics-repository';

/**
 * The recorder's reads and writes, run for every post change, metrics reading and render: as
 * fixed SQL text with parameters, run in the caller's transaction. Building the same queries
 * with the query builder on every event cost several times their run time; fixed text also
 * keeps each statement prepared (db/connection.ts).
 */

const postFactColumns = [
  'target_id',
  'video_id',
  'platform',
  'account_id',
  'config_id',
  'outcome',
  'at',
  'attempts',
  'views',
  'likes',
  'comments',
  'shares',
  'saves',
  'metrics_at',
  'hour_bucket',
  'day_bucket',
  'week_bucket',
  'month_bucket',
  'weekday',
  'hour_of_day',
] as const satisfies ReadonlyArray<keyof StatsPostFactRow>;

const renderFactColumns = [
  'run_video_id',
  'config_id',
  'outcome',
  'at',
  'render_ms',
  'hour_bucket',
  'day_bucket',
  'week_bucket',
  'month_bucket',
] as const satisfies ReadonlyArray<keyof StatsRenderFactRow>;

export const postCounterColumns = [
  'posts',
  'succeeded',
  'failed',
  'pending',
  'settled_attempts',
  'retries',
  'views',
  'views_posts',
  'likes',
  'likes_posts',
  'comments',
  'comments_posts',
  'shares',
  'shares_posts',
  'saves',
  'saves_posts',
  'rated_views',
  'rated_interactions',
] as const satisfies ReadonlyArray<keyof PostRollupCounters>;

export const renderCounterColumns = [
  'videos',
  'rendered',
  'failed',
  'render_ms',
  'timed',
] as const satisfies ReadonlyArray<keyof RenderRollupCounters>;

const postKeyColumns = ['grain', 'bucket', 'platform', 'account_id', 'config_id'] as const;
const renderKeyColumns = ['grain', 'bucket', 'config_id'] as const;

function upsertText(table: string, key: readonly string[], columns: readonly string[]) {
  return (rows: number) => {
    const row = `(${[...key, ...columns].map(() => '?').join(', ')})`;
    return (
      `INSERT INTO ${table} (${[...key, ...columns].join(', ')}) VALUES ` +
      Array.from({ length: rows }, () => row).join(', ') +
      ` ON CONFLICT (${key.join(', ')}) DO UPDATE SET ` +
      columns.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')
    );
  };
}

function deleteEmptyText(table: string, key: readonly string[], countColumn: string) {
  return (rows: number) =>
    `DELETE FROM ${table} WHERE ${countColumn} <= 0 AND (` +
    Array.from({ length: rows }, () => `(${key.map((c) => `${c} = ?`).join(' AND ')})`).join(
      ' OR ',
    ) +
    ')';
}

/** SQL text by row count, made once each. */
function memo(make: (rows: number) => string): (rows: number) => string {
  const texts = new Map<number, string>();
  return (rows) => {
    let text = texts.get(rows);
    if (!text) {
      text = make(rows);
      texts.set(rows, text);
    }
    return text;
  };
}

const sqlText = {
  rawTarget:
    'SELECT t.id, t.video_id, t.platform, t.account_id, v.config_id, t.state, t.attempts, ' +
    't.manual_retries, t.created_at, t.updated_at, t.published_at FROM distribution_targets t ' +
    'LEFT JOIN distribution_videos v ON v.id = t.video_id WHERE t.id = ?',
  latestReading:
    'SELECT at, views, likes, comments, shares, saves FROM post_metrics WHERE target_id = ? ' +
    'ORDER BY at DESC, id DESC LIMIT 1',
  postFact: `SELECT ${postFactColumns.join(', ')} FROM stats_post_facts WHERE target_id = ?`,
  writePostFact:
    `INSERT INTO stats_post_facts (${postFactColumns.join(', ')}) VALUES ` +
    `(${postFactColumns.map(() => '?').join(', ')}) ON CONFLICT (target_id) DO UPDATE SET ` +
    postFactColumns
      .filter((c) => c !== 'target_id')
      .map((c) => `${c} = excluded.${c}`)
      .join(', '),
  rawRunVideo:
    'SELECT v.id, r.config_id, v.state, v.render_ms, v.created_at, v.finished_at ' +
    'FROM config_run_videos v JOIN config_runs r ON r.id = v.run_id WHERE v.id = ?',
  renderFact: `SELECT ${renderFactColumns.join(', ')} FROM stats_render_facts WHERE run_video_id = ?`,
  writeRenderFact:
    `INSERT INTO stats_render_facts (${renderFactColumns.join(', ')}) VALUES ` +
    `(${renderFactColumns.map(() => '?').join(', ')}) ON CONFLICT (run_video_id) DO UPDATE SET ` +
    renderFactColumns
      .filter((c) => c !== 'run_video_id')
      .map((c) => `${c} = excluded.${c}`)
      .join(', '),
  deleteRenderFact: 'DELETE FROM stats_render_facts WHERE run_video_id = ?',
  upsertPostRollups: memo(upsertText('stats_post_rollups', postKeyColumns, postCounterColumns)),
  deleteEmptyPostRollups: memo(deleteEmptyText('stats_post_rollups', postKeyColumns, 'posts')),
  upsertRenderRollups: memo(
    upsertText('stats_render_rollups', renderKeyColumns, renderCounterColumns),
  ),
  deleteEmptyRenderRollups: memo(
    deleteEmptyText('stats_render_rollups', renderKeyColumns, 'videos'),
  ),
};

async function rows<T>(db: Executor, text: string, parameters: unknown[]): Promise<T[]> {
  return (await db.executeQuery<T>(CompiledQuery.raw(text, parameters))).rows;
}

export interface RollupChange<K, C> {
  key: K;
  delta: C;
}

/** Facts and rollup deltas, read and written in the transaction of the event recorded. */
export const factStore = {
  async rawTarget(db: Executor, targetId: string): Promise<RawTarget | undefined> {
    return (await rows<RawTarget>(db, sqlText.rawTarget, [targetId]))[0];
  },

  async latestReading(db: Executor, targetId: string): Promise<RawReading | null> {
    return (await rows<RawReading>(db, sqlText.latestReading, [targetId]))[0] ?? null;
  },

  async postFact(db: Executor, targetId: string): Promise<StatsPostFactRow | null> {
    return (await rows<StatsPostFactRow>(db, sqlText.postFact, [targetId]))[0] ?? null;
  },

  async writePostFact(db: Executor, fact: StatsPostFactRow): Promise<void> {
    await rows(
      db,
      sqlText.writePostFact,
      postFactColumns.map((c) => fact[c]),
    );
  },

  async rawRunVideo(db: Executor, runVideoId: string): Promise<RawRunVideo | undefined> {
    return (await rows<RawRunVideo>(db, sqlText.rawRunVideo, [runVideoId]))[0];
  },

  async renderFact(db: Executor, runVideoId: string): Promise<StatsRenderFactRow | null> {
    return (await rows<StatsRenderFactRow>(db, sqlText.renderFact, [runVideoId]))[0] ?? null;
  },

  async writeRenderFact(db: Executor, fact: StatsRenderFactRow): Promise<void> {
    await rows(
      db,
      sqlText.writeRenderFact,
      renderFactColumns.map((c) => fact[c]),
    );
  },

  async deleteRenderFact(db: Executor, runVideoId: string): Promise<void> {
    await rows(db, sqlText.deleteRenderFact, [runVideoId]);
  },

  /** Adds every delta to its row in one statement; rows whose count reaches 0 go. */
  async addToPostRollups(
    db: Executor,
    changes: ReadonlyArray<RollupChange<PostRollupKey, PostRollupCounters>>,
  ): Promise<void> {
    if (changes.length === 0) return;
    await rows(
      db,
      sqlText.upsertPostRollups(changes.length),
      changes.flatMap(({ key, delta }) => [
        ...postKeyColumns.map((c) => key[c]),
        ...postCounterColumns.map((c) => delta[c]),
      ]),
    );
    const emptied = changes.filter(({ delta }) => delta.posts < 0);
    if (emptied.length === 0) return;
    await rows(
      db,
      sqlText.deleteEmptyPostRollups(emptied.length),
      emptied.flatMap(({ key }) => postKeyColumns.map((c) => key[c])),
    );
  },

  async addToRenderRollups(
    db: Executor,
    changes: ReadonlyArray<RollupChange<RenderRollupKey, RenderRollupCounters>>,
  ): Promise<void> {
    if (changes.length === 0) return;
    await rows(
      db,
      sqlText.upsertRenderRollups(changes.length),
      changes.flatMap(({ key, delta }) => [
        ...renderKeyColumns.map((c) => key[c]),
        ...renderCounterColumns.map((c) => delta[c]),
      ]),
    );
    const emptied = changes.filter(({ delta }) => delta.videos < 0);
    if (emptied.length === 0) return;
    await rows(
      db,
      sqlText.deleteEmptyRenderRollups(emptied.length),
      emptied.flatMap(({ key }) => renderKeyColumns.map((c) => key[c])),
    );
  },
};
