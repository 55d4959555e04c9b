import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/**
 * A second, deliberately plain computation of what the rollups must hold, for tests: buckets
 * found by searching the zone's wall clock (not by zoned-time's arithmetic), sums written out
 * from the definitions in docs/statistics.md.
 */

const parts = new Map<string, Intl.DateTimeFormat>();
function local(instant: number, timeZone: string) {
  let format = parts.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
    });
    parts.set(timeZone, format);
  }
  const p = Object.fromEntries(
    format.formatToParts(new Date(instant)).map((part) => [part.type, part.value]),
  );
  return {
    date: `${p.year}-${p.month}-${p.day}`,
    month: `${p.year}-${p.month}`,
    hour: Number(p.hour) % 24,
    minute: Number(p.minute),
    weekday: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(p.weekday ?? ''),
  };
}

const MINUTE = 60_000;

/** The first minute in [low, high] for which `inside` holds, `inside` being false then true. */
function firstMinute(low: number, high: number, inside: (t: number) => boolean): number {
  let lo = Math.floor(low / MINUTE);
  let hi = Math.floor(high / MINUTE);
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (inside(mid * MINUTE)) hi = mid;
    else lo = mid + 1;
  }
  return lo * MINUTE;
}

export function oracleBuckets(instant: number, timeZone: string) {
  const here = local(instant, timeZone);
  // The last minute at or before the instant when the wall clock showed :00.
  let hour = Math.floor(instant / MINUTE) * MINUTE;
  while (local(hour, timeZone).minute !== 0) hour -= MINUTE;
  const day = firstMinute(
    instant - 30 * 3_600_000,
    instant,
    (t) => local(t, timeZone).date >= here.date,
  );
  const mondayHint = instant - here.weekday * 86_400_000;
  const [y, m, d] = here.date.split('-').map(Number) as [number, number, number];
  const monday = new Date(Date.UTC(y, m - 1, d - here.weekday)).toISOString().slice(0, 10);
  const week = firstMinute(
    mondayHint - 30 * 3_600_000,
    mondayHint + 30 * 3_600_000,
    (t) => local(t, timeZone).date >= monday,
  );
  const dayOfMonth = Number(here.date.slice(8, 10));
  const monthHint = instant - (dayOfMonth - 1) * 86_400_000;
  const month = firstMinute(
    monthHint - 30 * 3_600_000,
    monthHint + 3_600_000,
    (t) => local(t, timeZone).month >= here.month,
  );
  return { hour, day, week, month, weekday: here.weekday, hourOfDay: here.hour };
}

/** What the model of a test knows about a post at the end of its history. */
export interface ModelPost {
  targetId: string;
  platform: string;
  accountId: string;
  configId: string;
  state: 'pending' | 'processing' | 'success' | 'failed';
  attempts: number;
  manualRetries: number;
  createdAt: number;
  updatedAt: number;
  publishedAt: number | null;
  /** The newest reading ever stored, whatever retention removed since. */
  reading: {
    views: number | null;
    likes: number | null;
    comments: number | null;
    shares: number | null;
    saves: number | null;
  } | null;
}

export interface ModelRender {
  id: string;
  configId: string;
  state: 'rendered' | 'failed';
  finishedAt: number;
  renderMs: number | null;
}

type Row = Record<string, string | number>;
const key = (row: Row, names: string[]) => names.map((n) => row[n]).join('|');

export function expectedPostRollups(posts: ModelPost[], timeZone: string): Row[] {
  const rows = new Map<string, Row>();
  for (const post of posts) {
    const outcome =
      post.state === 'success' ? 'succeeded' : post.state === 'failed' ? 'failed' : 'pending';
    const at =
      outcome === 'succeeded'
        ? (post.publishedAt ?? post.updatedAt)
        : outcome === 'failed'
          ? post.updatedAt
          : post.createdAt;
    const buckets = oracleBuckets(at, timeZone);
    const attempts = post.attempts + post.manualRetries;
    const r = outcome === 'succeeded' ? post.reading : null;
    const interactions = [r?.likes, r?.comments, r?.shares, r?.saves].filter(
      (v): v is number => v !== null && v !== undefined,
    );
    const rated = r !== null && r.views !== null && r.views > 0 && interactions.length > 0;
    for (const grain of ['hour', 'day', 'week', 'month'] as const) {
      const id = {
        grain,
        bucket: buckets[grain],
        platform: post.platform,
        account_id: post.accountId,
        config_id: post.configId,
      };
      const k = key(id, ['grain', 'bucket', 'platform', 'account_id', 'config_id']);
      const row = rows.get(k) ?? {
        ...id,
        posts: 0,
        succeeded: 0,
        failed: 0,
        pending: 0,
        settled_attempts: 0,
        retries: 0,
        views: 0,
        views_posts: 0,
        likes: 0,
        likes_posts: 0,
        comments: 0,
        comments_posts: 0,
        shares: 0,
        shares_posts: 0,
        saves: 0,
        saves_posts: 0,
        rated_views: 0,
        rated_interactions: 0,
      };
      const add = (name: string, value: number) => (row[name] = (row[name] as number) + value);
      add('posts', 1);
      add(outcome, 1);
      // A finished post was tried at least once, even when refused before any upload.
      if (outcome !== 'pending') add('settled_attempts', Math.max(attempts, 1));
      add('retries', Math.max(0, attempts - 1));
      for (const metric of ['views', 'likes', 'comments', 'shares', 'saves'] as const) {
        const value = r?.[metric];
        if (value === null || value === undefined) continue;
        add(metric, value);
        add(`${metric}_posts`, 1);
      }
      if (rated) {
        add('rated_views', r.views ?? 0);
        add(
          'rated_interactions',
          interactions.reduce((a, b) => a + b, 0),
        );
      }
      rows.set(k, row);
    }
  }
  return sortRows(withTotals([...rows.values()], ['platform', 'account_id', 'config_id']));
}

/** Adds each bucket's total row ('*' in every dimension), as the rollups keep one. */
function withTotals(rows: Row[], dimensions: string[]): Row[] {
  const totals = new Map<string, Row>();
  for (const row of rows) {
    const k = `${row.grain}|${row.bucket}`;
    const total: Row = totals.get(k) ?? { grain: row.grain!, bucket: row.bucket! };
    for (const [name, value] of Object.entries(row)) {
      if (name === 'grain' || name === 'bucket') continue;
      if (dimensions.includes(name)) total[name] = '*';
      else total[name] = ((total[name] as number | undefined) ?? 0) + (value as number);
    }
    totals.set(k, total);
  }
  return [...rows, ...totals.values()];
}

export function expectedRenderRollups(renders: ModelRender[], timeZone: string): Row[] {
  const rows = new Map<string, Row>();
  for (const render of renders) {
    const buckets = oracleBuckets(render.finishedAt, timeZone);
    for (const grain of ['hour', 'day', 'week', 'month'] as const) {
      const id = { grain, bucket: buckets[grain], config_id: render.configId };
      const k = key(id, ['grain', 'bucket', 'config_id']);
      const row = rows.get(k) ?? {
        ...id,
        videos: 0,
        rendered: 0,
        failed: 0,
        render_ms: 0,
        timed: 0,
      };
      const add = (name: string, value: number) => (row[name] = (row[name] as number) + value);
      add('videos', 1);
      add(render.state, 1);
      if (render.state === 'rendered' && render.renderMs !== null) {
        add('render_ms', render.renderMs);
        add('timed', 1);
      }
      rows.set(k, row);
    }
  }
  return sortRows(withTotals([...rows.values()], ['config_id']));
}

function sortRows(rows: Row[]): Row[] {
  return rows.sort((a, b) =>
    JSON.stringify([
      a.grain,
      a.bucket,
      a.platform ?? '',
      a.account_id ?? '',
      a.config_id,
    ]).localeCompare(
      JSON.stringify([b.grain, b.bucket, b.platform ?? '', b.account_id ?? '', b.config_id]),
    ),
  );
}

/** The rollup tables as they are, in the oracle's order. */
export async function storedRollups(db: Kysely<Database>) {
  const posts = await db.selectFrom('stats_post_rollups').selectAll().execute();
  const renders = await db.selectFrom('stats_render_rollups').selectAll().execute();
  return {
    posts: sortRows(posts as unknown as Row[]),
    renders: sortRows(renders as unknown as Row[]),
  };
}
