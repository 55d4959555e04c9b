import { afterEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../connection';
import { readSchemaVersion } from '../migrate';
import { migrations } from './index';
import { openTestDatabase } from '../../testing/test-database';

let handle: DatabaseHandle;
afterEach(async () => handle?.close());

describe('jobs and configs migrations', () => {
  it('create the tables with the keys that keep runs and jobs unique', async () => {
    handle = await openTestDatabase();
    expect(await readSchemaVersion(handle.db)).toBe(migrations.length);
    const raw = handle.raw;
    raw
      .prepare(
        "INSERT INTO jobs (id, kind, idempotency_key, data, state, max_attempts, not_before, created_at, updated_at) VALUES ('j1', 'render', 'k', '{}', 'queued', 3, 0, 0, 0)",
      )
      .run();
    expect(() =>
      raw
        .prepare(
          "INSERT INTO jobs (id, kind, idempotency_key, data, state, max_attempts, not_before, created_at, updated_at) VALUES ('j2', 'render', 'k', '{}', 'queued', 3, 0, 0, 0)",
        )
        .run(),
    ).toThrow(/UNIQUE/);
    expect(() =>
      raw
        .prepare(
          "INSERT INTO jobs (id, kind, data, state, max_attempts, not_before, created_at, updated_at) VALUES ('j3', 'render', '{}', 'lost', 3, 0, 0, 0)",
        )
        .run(),
    ).toThrow(/CHECK/);

    raw
      .prepare(
        "INSERT INTO configs (id, name, definition, active, created_at, updated_at) VALUES ('c1', 'A', '{}', 1, 0, 0)",
      )
      .run();
    const run = raw.prepare(
      "INSERT INTO config_runs (id, config_id, trigger, scheduled_for, state, snapshot, created_at) VALUES (?, 'c1', ?, ?, 'pending', '{}', 0)",
    );
    run.run('r1', 'schedule', 1000);
    expect(() => run.run('r2', 'catchUp', 1000)).toThrow(/UNIQUE/);
    run.run('r3', 'manual', null);
    run.run('r4', 'manual', null);
    raw
      .prepare(
        "INSERT INTO config_run_videos (id, run_id, position, state, account_ids, created_at) VALUES ('v1', 'r1', 0, 'queued', '[]', 0)",
      )
      .run();
    raw.prepare("DELETE FROM configs WHERE id = 'c1'").run();
    expect(raw.prepare('SELECT count(*) AS n FROM config_runs').get()).toEqual({ n: 0 });
    expect(raw.prepare('SELECT count(*) AS n FROM config_run_videos').get()).toEqual({ n: 0 });
  });
});
