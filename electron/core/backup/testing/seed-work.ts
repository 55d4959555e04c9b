import type BetterSqlite3 from 'better-sqlite3';

/** A deterministic generator: the same seed gives the same "random-ish" data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x1_0000_0000;
  };
}

const words = (
  'beach sunset morning coffee city walk mountain trail river light summer winter snow forest ' +
  'market street food night drive ocean waves garden spring flowers rain clouds studio session'
).split(' ');

function sentence(random: () => number, length: number): string {
  return Array.from({ length }, () => words[Math.floor(random() * words.length)]).join(' ');
}

export interface SeedCounts {
  accounts: number;
  configs: number;
  /** Videos; each gets one published target per account (up to five) and its metrics. */
  videos: number;
  metricsPerPost: number;
}

/**
 * Fills a migrated database with a creator's work the way ReelPilot writes it (accounts,
 * configs, videos, published posts, metric readings), with text that varies like real captions so
 * compression is realistic. Prepared statements in transactions of a few thousand rows: fast
 * enough to make a gigabyte for the benchmark. Answers the counts a backup reports.
 */
export function seedWork(
  raw: BetterSqlite3.Database,
  counts: SeedCounts,
  options: {
    seed?: number;
    at?: number;
    /** Numbers the videos from here, so several calls add to one database. */
    idOffset?: number;
    onBatch?: (done: number) => void;
  } = {},
): { accounts: number; configs: number; posts: number; metrics: number } {
  const random = seededRandom(options.seed ?? 7);
  const at = options.at ?? Date.UTC(2026, 0, 1);
  const platforms = ['tiktok', 'youtube', 'instagram', 'facebook', 'x'];
  const account = raw.prepare(
    `INSERT INTO accounts (id, platform, remote_id, handle, display_name, status, scopes, posts_total, connected_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 'active', '["upload"]', ?, ?, ?)`,
  );
  const config = raw.prepare(
    `INSERT INTO configs (id, name, definition, active, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?)`,
  );
  const video = raw.prepare(
    `INSERT INTO distribution_videos (id, run_video_id, config_id, title, file_path, facts, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const target = raw.prepare(
    `INSERT INTO distribution_targets (id, video_id, account_id, platform, state, settings, remote_id, url, published_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'success', ?, ?, ?, ?, ?, ?)`,
  );
  const metric = raw.prepare(
    `INSERT INTO post_metrics (target_id, at, views, likes, comments, shares, saves) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const accountIds: Array<{ id: string; platform: string }> = [];
  const offset = options.idOffset ?? 0;
  raw.transaction(() => {
    for (let i = 0; i < counts.accounts; i += 1) {
      const platform = platforms[i % platforms.length] ?? 'x';
      const id = `account-${i}`;
      account.run(id, platform, `remote-${i}`, `@creator${i}`, `Creator ${i}`, 0, at, at);
      accountIds.push({ id, platform });
    }
    for (let i = 0; i < counts.configs; i += 1) {
      config.run(
        `config-${i}`,
        `Config ${i}`,
        JSON.stringify({ name: `Config ${i}`, note: sentence(random, 40) }),
        at,
        at,
      );
    }
  })();
  // A later call posts with the accounts an earlier one made.
  if (accountIds.length === 0)
    accountIds.push(
      ...(raw.prepare('SELECT id, platform FROM accounts ORDER BY id LIMIT 5').all() as Array<{
        id: string;
        platform: string;
      }>),
    );
  let posts = 0;
  let metrics = 0;
  const batch = 500;
  for (let start = 0; start < counts.videos; start += batch) {
    raw.transaction(() => {
      for (let v = start; v < Math.min(counts.videos, start + batch); v += 1) {
        const videoId = `video-${offset + v}`;
        const created = at + v * 60_000;
        const title = sentence(random, 6);
        video.run(
          videoId,
          `run-video-${offset + v}`,
          `config-${v % Math.max(1, counts.configs)}`,
          title,
          `/media/renders/${videoId}.mp4`,
          JSON.stringify({
            sizeBytes: 1_000_000 + Math.floor(random() * 9_000_000),
            durationSec: 15 + Math.floor(random() * 45),
            width: 1080,
            height: 1920,
          }),
          created,
        );
        for (const owner of accountIds.slice(0, 5)) {
          const targetId = `${videoId}-${owner.id}`;
          const caption = `${title} ${sentence(random, 20 + Math.floor(random() * 40))} #${words[Math.floor(random() * words.length)]}`;
          target.run(
            targetId,
            videoId,
            owner.id,
            owner.platform,
            JSON.stringify({ title, caption, privacy: 'public' }),
            `post-${Math.floor(random() * 1e12)}`,
            `https://example.com/${owner.platform}/${targetId}`,
            created + 300_000,
            created,
            created,
          );
          posts += 1;
          let views = 0;
          for (let m = 0; m < counts.metricsPerPost; m += 1) {
            views += Math.floor(random() * 500);
            metric.run(
              targetId,
              created + (m + 1) * 3_600_000,
              views,
              Math.floor(views / 20),
              Math.floor(views / 200),
              Math.floor(views / 400),
              null,
            );
            metrics += 1;
          }
        }
      }
    })();
    options.onBatch?.(Math.min(counts.videos, start + batch));
  }
  return { accounts: counts.accounts, configs: counts.configs, posts, metrics };
}

/** The tables of a creator's work, which a restore must bring back whole. */
export const workTables = [
  'accounts',
  'configs',
  'distribution_videos',
  'distribution_targets',
  'post_metrics',
] as const;

/** Every row of the tables a restore must bring back, for comparing before and after. */
export function dumpWork(raw: BetterSqlite3.Database): Record<string, unknown[]> {
  return Object.fromEntries(
    workTables.map((table) => [table, raw.prepare(`SELECT * FROM ${table} ORDER BY 1`).all()]),
  );
}
