import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RetentionStatus } from '../../../shared/domain/retention';
import { FakeClock } from '../testing/fake-clock';
import { createTestEngine, ok, type TestEngine } from '../testing/test-engine';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 15, 12, 0, 0);

let t: TestEngine | null = null;
const folders: string[] = [];
afterEach(async () => {
  await t?.dispose();
  t = null;
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

async function engine(autoStart = false): Promise<TestEngine> {
  t = await createTestEngine({ clock: new FakeClock(NOW), options: { autoStart } });
  return t;
}

function raw(engine: TestEngine) {
  return engine.engine.database.raw;
}

/** A posted video with one target per state given, its file where given. */
function postedVideo(
  engine: TestEngine,
  id: string,
  file: string,
  targets: Array<{ state: string; publishedAt: number; variant?: string }>,
): void {
  raw(engine)
    .prepare(
      `INSERT INTO distribution_videos (id, title, file_path, facts, created_at) VALUES (?, ?, ?, '{}', ?)`,
    )
    .run(id, id, file, NOW - 500 * DAY);
  targets.forEach((target, index) => {
    raw(engine)
      .prepare(
        `INSERT INTO distribution_targets (id, video_id, account_id, platform, state, settings, file_path, published_at, created_at, updated_at)
         VALUES (?, ?, ?, 'youtube', ?, '{}', ?, ?, ?, ?)`,
      )
      .run(
        `${id}-t${index}`,
        id,
        `account-${index}`,
        target.state,
        target.variant ?? null,
        target.state === 'success' ? target.publishedAt : null,
        target.publishedAt,
        target.publishedAt,
      );
  });
}

/** Readings every 20 minutes for `days` days up to now, for each target given. */
function seedMetrics(engine: TestEngine, targets: string[], days: number): void {
  const insert = raw(engine).prepare(
    'INSERT INTO post_metrics (target_id, at, views, likes, comments, shares, saves) VALUES (?, ?, ?, 0, 0, 0, NULL)',
  );
  raw(engine).transaction(() => {
    // Time order, as the metrics job writes them.
    for (let at = NOW - days * DAY; at <= NOW; at += 20 * 60_000) {
      for (const target of targets) insert.run(target, at, Math.floor((at - NOW) / 60_000));
    }
  })();
}

function count(engine: TestEngine, query: string, ...params: unknown[]): number {
  return (
    raw(engine)
      .prepare(query)
      .get(...params) as { n: number }
  ).n;
}

// The clean-up runs on the real queue: a loaded machine needs more than a second.
const patient = { timeout: 15_000, interval: 20 };

describe('retention', () => {
  it('thins metrics to one a day past 90 days, deletes them past 2 years, in bounded steps', async () => {
    const e = await engine();
    postedVideo(e, 'v1', '/elsewhere/v1.mp4', [
      { state: 'success', publishedAt: NOW - 800 * DAY },
      { state: 'success', publishedAt: NOW - 800 * DAY },
    ]);
    seedMetrics(e, ['v1-t0', 'v1-t1'], 800);
    const before = count(e, 'SELECT count(*) AS n FROM post_metrics');
    expect(before).toBeGreaterThan(100_000);
    const recent = count(e, 'SELECT count(*) AS n FROM post_metrics WHERE at >= ?', NOW - 90 * DAY);

    // The event loop gets a turn between the chunks of 5,000 rows.
    let turns = 0;
    let spinning = true;
    const spin = () => {
      turns += 1;
      if (spinning) setImmediate(spin);
    };
    setImmediate(spin);
    const report = await e.engine.services.retention.apply();
    spinning = false;
    expect(turns).toBeGreaterThan(Math.floor(before / 5_000));

    const cutoff = Math.floor((NOW - 90 * DAY) / DAY) * DAY;
    // Nothing older than two years.
    expect(count(e, 'SELECT count(*) AS n FROM post_metrics WHERE at < ?', NOW - 730 * DAY)).toBe(
      0,
    );
    // One reading per post and UTC day between, and it is the day's last.
    const perDay = raw(e)
      .prepare(
        `SELECT target_id, at / ${DAY} AS day, count(*) AS n, max(at) AS last FROM post_metrics
         WHERE at < ? GROUP BY target_id, day`,
      )
      .all(cutoff) as Array<{ n: number; day: number; last: number }>;
    expect(perDay.length).toBeGreaterThan(2 * 630);
    expect(perDay.every((row) => row.n === 1)).toBe(true);
    expect(perDay.every((row) => row.last === (row.day + 1) * DAY - 20 * 60_000)).toBe(true);
    // Untouched within 90 days.
    expect(count(e, 'SELECT count(*) AS n FROM post_metrics WHERE at >= ?', NOW - 90 * DAY)).toBe(
      recent,
    );
    expect(report.metricsThinned + report.metricsDeleted).toBe(
      before - count(e, 'SELECT count(*) AS n FROM post_metrics'),
    );

    // Again: nothing more to do, nothing else removed.
    const after = count(e, 'SELECT count(*) AS n FROM post_metrics');
    const again = await e.engine.services.retention.apply();
    expect(again).toMatchObject({ metricsThinned: 0, metricsDeleted: 0 });
    expect(count(e, 'SELECT count(*) AS n FROM post_metrics')).toBe(after);
  });

  it('deletes finished runs and account history past a year, never a run still going', async () => {
    const e = await engine();
    const db = raw(e);
    db.prepare(
      `INSERT INTO configs (id, name, definition, active, next_run_at, created_at, updated_at) VALUES ('c1', 'Beach', '{}', 0, NULL, ?, ?)`,
    ).run(NOW - 600 * DAY, NOW - 600 * DAY);
    const run = db.prepare(
      `INSERT INTO config_runs (id, config_id, trigger, scheduled_for, state, snapshot, created_at, finished_at) VALUES (?, 'c1', 'manual', NULL, ?, '{}', ?, ?)`,
    );
    run.run('old-done', 'succeeded', NOW - 500 * DAY, NOW - 500 * DAY);
    run.run('old-failed', 'failed', NOW - 400 * DAY, NOW - 400 * DAY);
    run.run('old-running', 'running', NOW - 380 * DAY, null);
    run.run('recent', 'succeeded', NOW - 30 * DAY, NOW - 30 * DAY);
    db.prepare(
      `INSERT INTO config_run_videos (id, run_id, position, state, account_ids, created_at) VALUES ('rv1', 'old-done', 0, 'rendered', '[]', ?)`,
    ).run(NOW - 500 * DAY);
    const post = db.prepare(
      `INSERT INTO account_posts (id, account_id, platform, account_handle, posted_at) VALUES (?, 'a1', 'youtube', '@me', ?)`,
    );
    const error = db.prepare(
      `INSERT INTO account_errors (id, account_id, platform, account_handle, occurred_at, kind, message) VALUES (?, 'a1', 'youtube', '@me', ?, 'transient', 'x')`,
    );
    for (let day = 700; day >= 0; day -= 1) {
      post.run(`p${day}`, NOW - day * DAY);
      error.run(`e${day}`, NOW - day * DAY);
    }

    const report = await e.engine.services.retention.apply();
    const runs = (
      db.prepare('SELECT id FROM config_runs ORDER BY created_at').all() as Array<{ id: string }>
    ).map((r) => r.id);
    expect(runs).toEqual(['old-running', 'recent']);
    expect(count(e, 'SELECT count(*) AS n FROM config_run_videos')).toBe(0);
    expect(report.runsDeleted).toBe(2);
    expect(
      count(e, 'SELECT count(*) AS n FROM account_posts WHERE posted_at < ?', NOW - 365 * DAY),
    ).toBe(0);
    expect(count(e, 'SELECT count(*) AS n FROM account_posts')).toBe(366);
    expect(count(e, 'SELECT count(*) AS n FROM account_errors')).toBe(366);
    expect(report.accountRecordsDeleted).toBe(2 * (701 - 366));
  });

  it('deletes rendered videos of finished posts after N days, only renders and never one a post needs', async () => {
    const e = await engine();
    const renders = path.join(e.ports.paths.mediaDir, 'renders');
    mkdirSync(renders, { recursive: true });
    const outside = mkdtempSync(path.join(os.tmpdir(), 'rp-own-'));
    folders.push(outside);
    const file = (dir: string, name: string) => {
      const full = path.join(dir, name);
      writeFileSync(full, Buffer.alloc(1000));
      return full;
    };
    const old = NOW - 40 * DAY;
    const done = file(renders, 'done.mp4');
    const doneVariant = file(renders, 'done-x.mp4');
    postedVideo(e, 'done', done, [
      { state: 'success', publishedAt: old },
      { state: 'success', publishedAt: old, variant: doneVariant },
    ]);
    const failed = file(renders, 'failed.mp4');
    postedVideo(e, 'failed', failed, [
      { state: 'success', publishedAt: old },
      { state: 'failed', publishedAt: old },
    ]);
    const mine = file(outside, 'my-own.mp4');
    postedVideo(e, 'mine', mine, [{ state: 'success', publishedAt: old }]);
    // A library copy in the data folder is the person's too, even when posted as it is.
    const library = path.join(e.ports.paths.mediaDir, 'library');
    mkdirSync(library, { recursive: true });
    const copy = file(library, 'copy.mp4');
    postedVideo(e, 'copy', copy, [{ state: 'success', publishedAt: old }]);
    // The library lists rendered videos: the deleted one is forgotten there, the others stay.
    const item = raw(e).prepare(
      `INSERT INTO media_items (id, path, name, kind, size, content_hash, mime, origin, imported_at, modified_at)
       VALUES (?, ?, ?, 'video', 1000, ?, 'video/mp4', ?, ?, ?)`,
    );
    item.run('m-done', done, 'done.mp4', 'hash-done', 'rendered', old, old);
    item.run('m-copy', copy, 'copy.mp4', 'hash-copy', 'copied', old, old);
    const fresh = file(renders, 'fresh.mp4');
    postedVideo(e, 'fresh', fresh, [{ state: 'success', publishedAt: NOW - 10 * DAY }]);
    // The same file handed to distribution twice: the second hand-over still waits to post.
    const shared = file(renders, 'shared.mp4');
    postedVideo(e, 'shared-a', shared, [{ state: 'success', publishedAt: old }]);
    postedVideo(e, 'shared-b', shared, [{ state: 'pending', publishedAt: old }]);

    const off = await e.engine.services.retention.apply();
    expect(off.filesDeleted).toBe(0);
    await ok(e.engine.invoke('retention:update', { renderedFilesDeleteAfterDays: 30 }));
    const report = await e.engine.services.retention.apply();
    expect(report).toMatchObject({ filesDeleted: 2, bytesFreed: 2000 });
    expect(existsSync(done)).toBe(false);
    expect(existsSync(doneVariant)).toBe(false);
    for (const kept of [failed, mine, copy, fresh, shared]) {
      expect(existsSync(kept), kept).toBe(true);
    }
    expect(
      (raw(e).prepare('SELECT id FROM media_items').all() as Array<{ id: string }>).map(
        (row) => row.id,
      ),
    ).toEqual(['m-copy']);
    // The rows stay: the posts and their history are not the files.
    expect(count(e, 'SELECT count(*) AS n FROM distribution_targets')).toBe(9);
    expect((await e.engine.services.retention.apply()).filesDeleted).toBe(0);

    // The failed post retried and published today: its video goes 30 days later, not before.
    raw(e)
      .prepare(`UPDATE distribution_targets SET state = 'success', published_at = ? WHERE id = ?`)
      .run(NOW, 'failed-t1');
    e.clock.advance(29 * DAY);
    // Meanwhile the fresh one came of age.
    expect(await e.engine.services.retention.apply()).toMatchObject({ filesDeleted: 1 });
    expect(existsSync(fresh)).toBe(false);
    expect(existsSync(failed)).toBe(true);
    e.clock.advance(2 * DAY);
    expect(await e.engine.services.retention.apply()).toMatchObject({ filesDeleted: 1 });
    expect(existsSync(failed)).toBe(false);
  });

  it('a policy in Settings, refused in words when it does not hold together', async () => {
    const e = await engine();
    const status = await ok<RetentionStatus>(e.engine.invoke('retention:status', {}));
    expect(status).toMatchObject({
      policy: {
        metricsKeepDays: 730,
        metricsDailyAfterDays: 90,
        runHistoryKeepDays: 365,
        renderedFilesDeleteAfterDays: null,
      },
      storage: { dataDir: e.dataDir },
      lastRun: null,
    });
    expect(status.storage.databaseBytes).toBeGreaterThan(0);
    expect(await e.engine.invoke('retention:update', { metricsKeepDays: 60 })).toMatchObject({
      ok: false,
      error: {
        code: 'BAD_INPUT',
        message:
          'metricsDailyAfterDays: Thin metrics to one a day before they are deleted: use at most the days kept.',
      },
    });
    expect(await e.engine.invoke('retention:update', { runHistoryKeepDays: 7 })).toMatchObject({
      ok: false,
      error: {
        code: 'BAD_INPUT',
        message: 'runHistoryKeepDays: Keep run history at least 35 days.',
      },
    });
    const saved = await ok<RetentionStatus>(
      e.engine.invoke('retention:update', {
        metricsKeepDays: 365,
        renderedFilesDeleteAfterDays: 14,
      }),
    );
    expect(saved.policy).toMatchObject({ metricsKeepDays: 365, renderedFilesDeleteAfterDays: 14 });
    expect(e.events.of('retention:status').at(-1)?.policy.metricsKeepDays).toBe(365);
  });

  it('runs daily on the queue, once a day however often the engine starts, and on request', async () => {
    const e = await engine(true);
    await e.engine.start();
    const jobs = () =>
      raw(e)
        .prepare(
          `SELECT idempotency_key AS key, state, not_before AS notBefore FROM jobs WHERE kind = 'retention' ORDER BY not_before`,
        )
        .all() as Array<{ key: string; state: string; notBefore: number }>;
    await vi.waitFor(() => expect(jobs()).toHaveLength(1), patient);
    expect(jobs()[0]).toMatchObject({ key: 'retention:2026-06-15', state: 'queued' });
    // Started again the same day (a restart): still the one job.
    await e.engine.services.retention.start();
    expect(jobs()).toHaveLength(1);

    e.clock.advance(10 * 60_000);
    await vi.waitFor(async () => {
      const status = await ok<RetentionStatus>(e.engine.invoke('retention:status', {}));
      expect(status.lastRun?.at).toBe(NOW + 10 * 60_000);
    }, patient);
    await vi.waitFor(
      () =>
        expect(jobs().map((job) => [job.key, job.state])).toEqual([
          ['retention:2026-06-15', 'succeeded'],
          ['retention:2026-06-16', 'queued'],
        ]),
      patient,
    );
    // And again after it ran: today's is done, tomorrow's waits.
    await e.engine.services.retention.start();
    expect(jobs()).toHaveLength(2);

    // Asked for now: runs at once, ahead of the daily one.
    const asked = await ok<RetentionStatus>(e.engine.invoke('retention:runNow', {}));
    expect(asked.pending).toBe(true);
    await vi.waitFor(
      () =>
        expect(
          jobs()
            .filter((job) => job.key.startsWith('retention:now:'))
            .map((job) => job.state),
        ).toEqual(['succeeded']),
      patient,
    );
    // The status pushed after the job settled says nothing is pending any more.
    await vi.waitFor(
      () => expect(e.events.of('retention:status').at(-1)?.pending).toBe(false),
      patient,
    );
  });

  it('never pushes a status read before the clean-up settled after the one read after it', async () => {
    // The disk answers "Clean up now"'s read only once the clean-up has settled and pushed.
    let hold: Promise<void> | null = null;
    let release = () => {};
    t = await createTestEngine({
      clock: new FakeClock(NOW),
      options: {
        autoStart: true,
        automation: {
          freeBytes: async () => {
            const held = hold;
            hold = null;
            if (held) await held;
            return 10 * 1024 ** 3;
          },
        },
      },
    });
    const e = t;
    await e.engine.start();
    hold = new Promise<void>((resolve) => (release = resolve));
    const asked = e.engine.invoke('retention:runNow', {});
    await vi.waitFor(() => {
      const pushed = e.events.of('retention:status');
      expect(pushed.at(-1)?.lastRun).not.toBeNull();
      expect(pushed.at(-1)?.pending).toBe(false);
    }, patient);
    release();
    // Its answer was read while the job ran; the screen keeps the newer push.
    expect((await ok<RetentionStatus>(asked)).pending).toBe(true);
    expect(e.events.of('retention:status').at(-1)?.pending).toBe(false);
  });
});
