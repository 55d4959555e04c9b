import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../electron/core/db/connection';
import { createTestEngine } from '../electron/core/testing/test-engine';
import { rebuildStatistics } from './stats-rebuild';

let dataDir: string | null = null;
afterEach(() => {
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  dataDir = null;
});

describe('npm run stats:rebuild', () => {
  it('builds the rollups of a closed data folder from its raw tables, and refuses an open one', async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'reelpilot-stats-rebuild-'));
    const t = await createTestEngine({ dataDir });
    await expect(rebuildStatistics(dataDir, () => {})).rejects.toThrow(/already running/);
    await t.engine.close();

    // A post written behind the statistics' back, as an older version would have left it.
    const handle = openDatabase({ file: path.join(dataDir, 'reelpilot.db') });
    const at = Date.UTC(2026, 0, 14, 9);
    handle.raw
      .prepare(
        `INSERT INTO distribution_videos (id, config_id, title, file_path, facts, created_at) VALUES ('v1', NULL, 'Clip', '/clip.mp4', '{}', ?)`,
      )
      .run(at);
    handle.raw
      .prepare(
        `INSERT INTO distribution_targets (id, video_id, account_id, platform, state, settings, attempts, published_at, created_at, updated_at)
         VALUES ('t1', 'v1', 'a1', 'youtube', 'success', '{}', 2, ?, ?, ?)`,
      )
      .run(at, at, at);
    handle.raw
      .prepare(`INSERT INTO post_metrics (target_id, at, views, likes) VALUES ('t1', ?, 120, 6)`)
      .run(at + 60_000);
    await handle.close();

    const lines: string[] = [];
    const result = await rebuildStatistics(dataDir, (line) => lines.push(line));
    expect(result.done).toBe(1);
    expect(lines.at(-1)).toMatch(/100 %/);
    const check = openDatabase({ file: path.join(dataDir, 'reelpilot.db') });
    const total = check.raw
      .prepare(
        `SELECT posts, succeeded, retries, views, views_posts FROM stats_post_rollups WHERE grain = 'month' AND platform = '*'`,
      )
      .get();
    expect(total).toEqual({ posts: 1, succeeded: 1, retries: 1, views: 120, views_posts: 1 });
    await check.close();
  });

  it('says so when the folder holds no ReelPilot data', async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'reelpilot-stats-rebuild-'));
    await expect(rebuildStatistics(dataDir, () => {})).rejects.toThrow(
      /There is no ReelPilot database in .*Check the folder given with --data/,
    );
  });
});
