import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LeaseLostError } from '../jobs/jobs-module';
import { openTestDatabase } from '../testing/test-database';
import { DistributionRepository } from './distribution-repository';
import { createDistributionWorld, type DistributionWorld } from './testing/distribution-world';

let world: DistributionWorld;
beforeAll(async () => {
  world = await createDistributionWorld();
}, 30_000);
afterAll(async () => {
  await world.dispose();
});

const db = () => world.t.engine.database.db;
const targetsOfRunVideo = (runVideoId: string) =>
  db()
    .selectFrom('distribution_targets as t')
    .innerJoin('distribution_videos as v', 'v.id', 't.video_id')
    .selectAll('t')
    .where('v.run_video_id', '=', runVideoId)
    .execute();

describe('the hand-over of a video to distribution', () => {
  it('writes the video and every target together, or nothing when one target cannot be made', async () => {
    const accounts = world.t.engine.services.accounts;
    const real = accounts.get.bind(accounts);
    accounts.get = async (id) => {
      if (id === world.accounts.x.id) throw new Error('database is locked');
      return real(id);
    };
    try {
      await expect(world.post(['youtube', 'x'], 'hand-over-1')).rejects.toThrow(/locked/);
    } finally {
      accounts.get = real;
    }
    // Nothing half-made: the next hand-over (a retry, or the start-up replay) starts clean.
    expect(await world.t.engine.services.distribution.hasRunVideo('hand-over-1')).toBe(false);
    expect(await targetsOfRunVideo('hand-over-1')).toEqual([]);

    const targets = await world.post(['youtube', 'x'], 'hand-over-1');
    expect(targets.map((t) => t.platform).sort()).toEqual(['x', 'youtube']);
    for (const target of targets) await world.waitForState(target.id, 'success');
  });

  it('queues the upload of a target whose job never got queued (a crash in between)', async () => {
    const [target] = await world.post(['facebook'], 'hand-over-2');
    await world.waitForState(target!.id, 'success');
    // As if the app had stopped after the hand-over's transaction, before queueing the job.
    await db()
      .updateTable('distribution_targets')
      .set({
        state: 'pending',
        job_id: null,
        remote_id: null,
        tracking_id: null,
        upload_state: null,
      })
      .where('id', '=', target!.id)
      .execute();
    await db().deleteFrom('jobs').where('kind', '=', 'upload').execute();
    const reels = world.emulators.emulators.facebook.state.reels.size;
    await world.t.engine.services.distribution.recover();
    await world.waitForState(target!.id, 'success');
    expect((await world.target(target!.id)).job_id).not.toBeNull();
    expect(world.emulators.emulators.facebook.state.reels.size).toBe(reels + 1);
  });

  it('gives the pacing slot back when the upload posted nothing', async () => {
    const account = world.accounts.tiktok;
    await world.t.engine.services.accounts.updateLimits(account.id, {
      postsPerHour: null,
      postsPerDay: null,
      minGapMinutes: 30,
    });
    await world.tick(31 * 60_000);
    world.emulators.emulators.tiktok.state.failNextWith = 'spam_risk_text';
    const [refused] = await world.post(['tiktok']);
    await world.waitForState(refused!.id, 'failed');
    // The refused post holds no slot: the next one goes at once.
    const [next] = await world.post(['tiktok']);
    await world.waitForState(next!.id, 'success');
    expect((await world.target(next!.id)).waiting_until).toBeNull();
    await world.t.engine.services.accounts.updateLimits(account.id, {
      postsPerHour: null,
      postsPerDay: null,
      minGapMinutes: null,
    });
  });
});

describe('fencing of a target by its upload attempt', () => {
  it('refuses every write, the marker included, of an attempt another one took over', async () => {
    const handle = await openTestDatabase();
    try {
      const repository = new DistributionRepository(handle.db, {
        postChanged: async () => {},
        renderChanged: async () => {},
      });
      await handle.db
        .insertInto('distribution_videos')
        .values({
          id: 'v',
          run_video_id: null,
          config_id: null,
          title: 'T',
          file_path: '/v.mp4',
          facts: '{}',
          created_at: 1,
        })
        .execute();
      await handle.db
        .insertInto('distribution_targets')
        .values({
          id: 't',
          video_id: 'v',
          account_id: 'a',
          platform: 'x',
          state: 'pending',
          settings: '{}',
          created_at: 1,
          updated_at: 1,
        })
        .execute();
      expect((await repository.claimTarget('t', 'lease-a', 2))?.lease_token).toBe('lease-a');
      expect((await repository.claimTarget('t', 'lease-b', 3))?.attempts).toBe(2);
      await expect(
        repository.saveMarker('t', 'lease-a', '{"step":"tweeting"}', 4),
      ).rejects.toBeInstanceOf(LeaseLostError);
      await expect(
        repository.fencedUpdate('t', 'lease-a', { state: 'failed' }),
      ).rejects.toBeInstanceOf(LeaseLostError);
      const marked = await repository.saveMarker('t', 'lease-b', '{"step":"tweeting"}', 5);
      expect(marked).toMatchObject({ irreversible_at: 5, upload_state: '{"step":"tweeting"}' });
      // A crash after the marker: the next attempt verifies before anything else.
      expect((await repository.claimTarget('t', 'lease-c', 6))?.verify_since).toBe(5);
    } finally {
      await handle.close();
    }
  });
});
