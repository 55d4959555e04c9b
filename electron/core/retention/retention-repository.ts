import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';

const DAY = 86_400_000;

/** One bounded step of a clean-up: what it deleted, where it stopped, and whether it is done. */
export interface ChunkResult {
  deleted: number;
  /** The last row looked at (its id or rowid): the next chunk starts after it. */
  last: number;
  /** Nothing older than the cut-off is left past `last`. */
  done: boolean;
}

/** A video handed to distribution, with the files it and its targets' variants use. */
export interface PostedVideoFiles {
  videoId: string;
  /** Every target was posted. */
  allSucceeded: boolean;
  /** When the last target was published (0 without any). */
  lastPublishedAt: number;
  paths: string[];
}

/**
 * The clean-up's SQL. Every delete is bounded (`limit` rows, one short transaction) and walks a
 * table in insertion order: rows are appended as time goes on (a metrics reading, a run, a post
 * is written when it happens), so the oldest come first and a walk stops at the first row not
 * old enough, without an index on time. It reads other modules' tables and deletes their old
 * rows; nothing else writes rows that old.
 */
export class RetentionRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Keeps the last metrics reading of each post and UTC day among rows after `after` (an id)
   * and older than `before` (a day boundary); looks at `limit` rows.
   */
  async thinMetrics(after: number, before: number, limit: number): Promise<ChunkResult> {
    return this.db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('post_metrics')
        .select(['id', 'at'])
        .where('id', '>', after)
        .orderBy('id')
        .limit(limit)
        .execute();
      const old = takeWhileOld(rows, (row) => row.at < before);
      if (old.length === 0) return { deleted: 0, last: after, done: true };
      const upTo = (old.at(-1) as { id: number }).id;
      // A reading is dropped when the same post has a later one the same UTC day (the day's
      // length inlined: a bound number would be a REAL, and the division no longer whole).
      const day = sql.raw(String(DAY));
      const result = await sql`
        DELETE FROM post_metrics WHERE id IN (
          SELECT p.id FROM post_metrics p
          WHERE p.id > ${after} AND p.id <= ${upTo} AND p.at < ${before}
            AND EXISTS (
              SELECT 1 FROM post_metrics q
              WHERE q.target_id = p.target_id
                AND q.at >= (p.at / ${day}) * ${day}
                AND q.at < (p.at / ${day} + 1) * ${day}
                AND (q.at > p.at OR (q.at = p.at AND q.id > p.id))
            )
        )`.execute(trx);
      return {
        deleted: Number(result.numAffectedRows ?? 0),
        last: upTo,
        done: old.length < rows.length || rows.length < limit,
      };
    });
  }

  /** Deletes metrics readings older than `before`, oldest first, `limit` at a time. */
  async deleteMetrics(before: number, limit: number): Promise<ChunkResult> {
    return this.deleteOldest('post_metrics', 'id', 'at', before, limit);
  }

  /** Deletes the account post history older than `before`. */
  async deleteAccountPosts(before: number, limit: number): Promise<ChunkResult> {
    return this.deleteOldest('account_posts', 'rowid', 'posted_at', before, limit);
  }

  /** Deletes the account error history older than `before`. */
  async deleteAccountErrors(before: number, limit: number): Promise<ChunkResult> {
    return this.deleteOldest('account_errors', 'rowid', 'occurred_at', before, limit);
  }

  /**
   * Deletes finished runs (and their videos' rows, by cascade) that ended before `before`;
   * a run still pending or running is kept, however old. Walks from rowid `after`.
   */
  async deleteFinishedRuns(after: number, before: number, limit: number): Promise<ChunkResult> {
    return this.db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('config_runs')
        .select([sql<number>`rowid`.as('position'), 'created_at', 'finished_at', 'state'])
        .where(sql<number>`rowid`, '>', after)
        .orderBy(sql`rowid`)
        .limit(limit)
        .execute();
      // A run created after the cut-off cannot have finished before it.
      const old = takeWhileOld(rows, (row) => row.created_at < before);
      if (old.length === 0) return { deleted: 0, last: after, done: true };
      const doomed = old
        .filter(
          (row) =>
            row.state !== 'pending' &&
            row.state !== 'running' &&
            (row.finished_at ?? row.created_at) < before,
        )
        .map((row) => row.position);
      let deleted = 0;
      if (doomed.length > 0) {
        const result = await trx
          .deleteFrom('config_runs')
          .where(sql<number>`rowid`, 'in', doomed)
          .executeTakeFirst();
        deleted = Number(result.numDeletedRows);
      }
      return {
        deleted,
        last: (old.at(-1) as { position: number }).position,
        done: old.length < rows.length || rows.length < limit,
      };
    });
  }

  /**
   * The next `limit` videos after rowid `after` handed to distribution, with the files they and
   * their targets use, whether every target succeeded and when the last was published. One
   * chunk is a range of the table's own key and an index lookup per video, so it stays short
   * however many videos there are.
   */
  async videoChunk(
    after: number,
    limit: number,
  ): Promise<{ videos: PostedVideoFiles[]; last: number; done: boolean }> {
    const rows = await sql<{
      position: number;
      videoId: string;
      videoFile: string;
      state: string | null;
      variant: string | null;
      at: number | null;
    }>`
      WITH chunk AS (
        SELECT rowid AS position, id, file_path FROM distribution_videos
        WHERE rowid > ${after} ORDER BY rowid LIMIT ${limit}
      )
      SELECT c.position, c.id AS videoId, c.file_path AS videoFile, t.state,
        t.file_path AS variant, coalesce(t.published_at, t.updated_at) AS at
      FROM chunk c LEFT JOIN distribution_targets t ON t.video_id = c.id
      ORDER BY c.position`.execute(this.db);
    const videos = new Map<string, PostedVideoFiles & { position: number }>();
    for (const row of rows.rows) {
      let video = videos.get(row.videoId);
      if (!video) {
        video = {
          position: row.position,
          videoId: row.videoId,
          allSucceeded: true,
          lastPublishedAt: 0,
          paths: [row.videoFile],
        };
        videos.set(row.videoId, video);
      }
      // A video without targets has nothing posted.
      if (row.state !== 'success') video.allSucceeded = false;
      if (row.at !== null) video.lastPublishedAt = Math.max(video.lastPublishedAt, row.at);
      if (row.variant !== null) video.paths.push(row.variant);
    }
    const list = [...videos.values()];
    return {
      videos: list,
      last: list.at(-1)?.position ?? after,
      done: list.length < limit,
    };
  }

  /**
   * The files a post that has not succeeded yet uses (its video's file or its own variant), and
   * those of runs still rendering or handing over their videos. Read in chunks of the targets'
   * own key, with `pause` between them.
   */
  async filesStillNeeded(pause: () => Promise<void>): Promise<Set<string>> {
    const needed = new Set<string>();
    const chunk = 10_000;
    for (let after = 0; ; after += chunk) {
      const rows = await sql<{ variant: string | null; video: string | null }>`
        SELECT t.file_path AS variant, v.file_path AS video
        FROM distribution_targets t LEFT JOIN distribution_videos v ON v.id = t.video_id
        WHERE t.rowid > ${after} AND t.rowid <= ${after + chunk} AND t.state <> 'success'`.execute(
        this.db,
      );
      for (const row of rows.rows) {
        if (row.variant !== null) needed.add(row.variant);
        if (row.video !== null) needed.add(row.video);
      }
      const more = await this.db
        .selectFrom('distribution_targets')
        .select(sql<number>`rowid`.as('position'))
        .where(sql<number>`rowid`, '>', after + chunk)
        .limit(1)
        .executeTakeFirst();
      if (!more) break;
      await pause();
    }
    const rendering = await this.db
      .selectFrom('config_runs as r')
      .innerJoin('config_run_videos as rv', 'rv.run_id', 'r.id')
      .select('rv.output_path')
      .where('r.state', 'in', ['pending', 'running'])
      .where('rv.output_path', 'is not', null)
      .execute();
    for (const row of rendering) if (row.output_path !== null) needed.add(row.output_path);
    return needed;
  }

  private async deleteOldest(
    table: 'post_metrics' | 'account_posts' | 'account_errors',
    order: 'id' | 'rowid',
    time: string,
    before: number,
    limit: number,
  ): Promise<ChunkResult> {
    return this.db.transaction().execute(async (trx) => {
      const rows = (
        await sql<{ position: number; at: number }>`
          SELECT ${sql.raw(order)} AS position, ${sql.ref(time)} AS at FROM ${sql.table(table)}
          ORDER BY ${sql.raw(order)} LIMIT ${limit}`.execute(trx)
      ).rows;
      const old = takeWhileOld(rows, (row) => row.at < before);
      if (old.length === 0) return { deleted: 0, last: 0, done: true };
      const last = (old.at(-1) as { position: number }).position;
      const result = await sql`
        DELETE FROM ${sql.table(table)}
        WHERE ${sql.raw(order)} <= ${last} AND ${sql.ref(time)} < ${before}`.execute(trx);
      return {
        deleted: Number(result.numAffectedRows ?? 0),
        last,
        done: old.length < rows.length || rows.length < limit,
      };
    });
  }
}

/** The rows up to the first one that is not old enough. */
function takeWhileOld<T>(rows: T[], isOld: (row: T) => boolean): T[] {
  const end = rows.findIndex((row) => !isOld(row));
  return end === -1 ? rows : rows.slice(0, end);
}
