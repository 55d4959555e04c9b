import type { DatabaseHandle } from '../../db/connection';
import { DistributionRepository } from '../../distribution/distribution-repository';
import { silentLogger } from '../../logging/file-logger';
import { RunRepository } from '../../runs/run-repository';
import { openTestDatabase } from '../../testing/test-database';
import { FakeClock } from '../../testing/fake-clock';
import { FactRecorder } from '../fact-recorder';
import { RollupQueries } from '../rollup-queries';
import { StatisticsRepository } from '../statistics-repository';
import { StatisticsService } from '../statistics-service';

let handle: DatabaseHandle | null = null;

/** Closes the database of the last world opened (an afterEach). */
export async function closeStatisticsWorld(): Promise<void> {
  await handle?.close();
  handle = null;
}

export const accounts = [
  { id: 'acc-tiktok', platform: 'tiktok' as const },
  { id: 'acc-youtube', platform: 'youtube' as const },
  { id: 'acc-instagram', platform: 'instagram' as const },
  { id: 'acc-x', platform: 'x' as const },
  { id: 'acc-facebook', platform: 'facebook' as const },
];
export const videos = [
  { id: 'video-1', config: 'config-a' },
  { id: 'video-2', config: 'config-a' },
  { id: 'video-3', config: 'config-b' },
  { id: 'video-4', config: null },
  { id: 'video-5', config: 'config-b' },
  { id: 'video-6', config: 'config-a' },
];

/** A test database with the statistics recorder behind distribution's and runs' writes. */
export async function openStatisticsWorld(zone: string) {
  handle = await openTestDatabase();
  const db = handle.db;
  const failures: unknown[] = [];
  const repository = new StatisticsRepository(db);
  const recorder = new FactRecorder({
    zone: () => zone,
    logger: silentLogger,
    recorded: () => {},
    failed: (error) => failures.push(error),
  });
  for (const config of ['config-a', 'config-b']) {
    await db
      .insertInto('configs')
      .values({
        id: config,
        name: config,
        definition: '{}',
        active: 0,
        created_at: 0,
        updated_at: 0,
      })
      .execute();
    await db
      .insertInto('config_runs')
      .values({
        id: `run-${config}`,
        config_id: config,
        trigger: 'manual',
        scheduled_for: null,
        state: 'running',
        snapshot: '{}',
        error: null,
        created_at: 0,
        finished_at: null,
      })
      .execute();
  }
  for (const video of videos) {
    await db
      .insertInto('distribution_videos')
      .values({
        id: video.id,
        run_video_id: null,
        config_id: video.config,
        title: video.id,
        file_path: `/renders/${video.id}.mp4`,
        facts: '{}',
        created_at: 0,
      })
      .execute();
  }
  const distribution = new DistributionRepository(db, recorder);
  const clock = new FakeClock();
  let targets = 0;
  return {
    db,
    repository,
    failures,
    distribution,
    runs: new RunRepository(db, recorder),
    clock,
    /** The dashboard's service over this database, in the world's zone, at the fake clock. */
    service: new StatisticsService({
      queries: new RollupQueries(db),
      keeper: {
        timeZone: () => zone,
        currentStatus: () => ({
          state: 'ready',
          done: 0,
          total: 0,
          builtAt: null,
          timeZone: zone,
          error: null,
        }),
      },
      settingsZone: async () => zone,
      media: { findByPath: async () => null },
      clock,
    }),
    /** A post created at `at` and, unless `state` says otherwise, published then with `reading`. */
    async post(options: {
      at: number;
      account?: (typeof accounts)[number];
      video?: (typeof videos)[number];
      state?: 'pending' | 'failed' | 'success';
      attempts?: number;
      reading?: Partial<Record<'views' | 'likes' | 'comments' | 'shares' | 'saves', number | null>>;
    }): Promise<string> {
      targets += 1;
      const id = `post-${targets}`;
      const account = options.account ?? accounts[1]!;
      let videoId = options.video?.id;
      if (!videoId) {
        // A video of its own, so (video, account) never repeats.
        videoId = `video-of-${id}`;
        await db
          .insertInto('distribution_videos')
          .values({
            id: videoId,
            run_video_id: null,
            config_id: 'config-a',
            title: `Video of ${id}`,
            file_path: `/renders/${videoId}.mp4`,
            facts: '{}',
            created_at: options.at,
          })
          .execute();
      }
      await distribution.ensureTarget({
        id,
        video_id: videoId,
        account_id: account.id,
        platform: account.platform,
        state: 'pending',
        settings: '{}',
        file_path: null,
        facts: null,
        upload_state: null,
        phase: null,
        tracking_id: null,
        remote_id: `remote-${targets}`,
        url: `https://example.test/${id}`,
        error_kind: null,
        error_message: null,
        waiting_until: null,
        job_id: null,
        published_at: null,
        metrics_at: null,
        created_at: options.at,
        updated_at: options.at,
      });
      const state = options.state ?? 'success';
      if (state === 'pending') return id;
      await distribution.updateTarget(id, {
        state,
        attempts: options.attempts ?? 1,
        updated_at: options.at,
        ...(state === 'success' ? { published_at: options.at } : {}),
      });
      if (state === 'success' && options.reading) {
        await distribution.addReading({
          target_id: id,
          at: options.at + 60_000,
          views: null,
          likes: null,
          comments: null,
          shares: null,
          saves: null,
          ...options.reading,
        });
      }
      return id;
    },
  };
}

export type StatisticsWorld = Awaited<ReturnType<typeof openStatisticsWorld>>;
