import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DistributionTarget, PostChange } from '../../../shared/domain/distribution';
import type { HandlerContext } from '../ipc/handler-registry';
import { createDistributionWorld, type DistributionWorld } from './testing/distribution-world';

let world: DistributionWorld;
beforeAll(async () => {
  world = await createDistributionWorld();
}, 30_000);
afterAll(async () => {
  await world.dispose();
});

const MIN = 60_000;
const browser: HandlerContext = { transport: 'http' };

async function call<T>(channel: string, input: unknown): Promise<T> {
  const result = await world.t.engine.invoke(channel, input, browser);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

async function refusal(channel: string, input: unknown) {
  const result = await world.t.engine.invoke(channel, input, browser);
  if (result.ok) throw new Error(`${channel} was expected to be refused`);
  return result.error;
}

const job = (id: string) =>
  world.t.engine.database.db
    .selectFrom('jobs')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

/** Waits until the post waits for its slot: the wait recorded and its job back in the queue. */
async function heldByPacing(targetId: string) {
  await vi.waitFor(
    async () => {
      const row = await world.target(targetId);
      expect(row.waiting_until).not.toBeNull();
      expect((await job(row.job_id!)).state).toBe('queued');
    },
    { timeout: 8000 },
  );
  return world.target(targetId);
}

const dtoOf = async (targetId: string): Promise<DistributionTarget> => {
  const videos = await call<Array<{ targets: DistributionTarget[] }>>('distribution:list', {
    limit: 200,
  });
  const found = videos.flatMap((v) => v.targets).find((t) => t.id === targetId);
  if (!found) throw new Error(`target ${targetId} is not listed`);
  return found;
};

describe('editing a post, then retrying it', () => {
  it('posts the edited caption exactly once after Instagram refused the video', async () => {
    const instagram = world.emulators.emulators.instagram.state;
    instagram.rejectNextWith = 'The video could not be processed';
    const media = instagram.media.size;
    const [target] = await world.post(['instagram']);
    const failed = await world.waitForState(target!.id, 'failed');
    // The refused container holds the old caption: the edit starts the upload over.
    expect(JSON.parse(failed.upload_state!)).toMatchObject({ step: 'uploaded' });
    expect((await dtoOf(target!.id)).edit).toEqual({
      allowed: true,
      reason: null,
      restartsUpload: true,
    });

    const edited = await call<DistributionTarget>('distribution:editPost', {
      targetId: target!.id,
      title: null,
      text: 'Sunrise over the lake',
      hashtags: ['sunrise', '#lake'],
      privacy: 'public',
    });
    expect(edited.post).toEqual({
      title: null,
      text: 'Sunrise over the lake',
      hashtags: ['sunrise', 'lake'],
      privacy: 'public',
    });
    expect(edited.state).toBe('failed');
    expect(edited.editedAt).toBe(world.clock.now());
    expect((await world.target(target!.id)).upload_state).toBeNull();
    const changes = await call<PostChange[]>('distribution:changes', { targetId: target!.id });
    expect(changes).toEqual([
      expect.objectContaining({
        kind: 'text',
        by: 'http',
        at: world.clock.now(),
        upload: 'restarted',
        before: expect.objectContaining({ text: expect.stringMatching(/^Clip \d+ #reelpilot$/) }),
        after: expect.objectContaining({ text: 'Sunrise over the lake' }),
      }),
    ]);

    await call('distribution:retry', { targetId: target!.id });
    await world.waitForState(target!.id, 'success');
    await world.t.engine.services.jobs.idle();
    expect(instagram.media.size).toBe(media + 1);
    const posted = [...instagram.media.values()].at(-1)!;
    expect(posted.caption).toBe('Sunrise over the lake\n\n#sunrise #lake');
  });

  it('refuses to change the text of an X post whose creation may have happened, and posts it once', async () => {
    const x = world.emulators.emulators.x;
    const tweets = x.state.tweets.size;
    // X answers 503 to every attempt at creating the post: the post may exist with its text.
    x.faults.arm('x.tweets.create', { type: 'status', status: 503 }, 1000);
    const [target] = await world.post(['x']);
    for (let i = 0; i < 200 && (await world.target(target!.id)).state !== 'failed'; i += 1)
      await world.tick(60_000);
    await world.t.engine.services.jobs.idle();
    const failed = await world.target(target!.id);
    expect(failed).toMatchObject({ state: 'failed', error_kind: 'unknown' });
    const saved = JSON.parse(failed.upload_state!) as { step: string; mediaId: string };
    expect(saved.step).toBe('tweeting');
    const caption = (JSON.parse(failed.settings) as { caption: string }).caption;
    x.faults.clear();

    const refused = await world.t.engine.invoke('distribution:editPost', {
      targetId: target!.id,
      title: null,
      text: 'Fixed after the outage',
      hashtags: [],
      privacy: 'public',
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/may exist with the old text/) },
    });
    expect((await world.target(target!.id)).upload_state).toBe(failed.upload_state);

    // "Look for it again": no post is there, so it is made once, with the uploaded video.
    await call('distribution:retry', { targetId: target!.id });
    await world.waitForState(target!.id, 'success');
    expect(x.state.tweets.size).toBe(tweets + 1);
    const tweet = [...x.state.tweets.values()].at(-1)!;
    expect(tweet).toMatchObject({ text: caption, mediaIds: [saved.mediaId] });
  });

  it('edits a waiting post, which then goes out at its slot with the new text', async () => {
    const [first] = await world.post(['youtube']);
    await world.waitForState(first!.id, 'success');
    await world.setMinGap('youtube', 60);
    const [waiting] = await world.post(['youtube']);
    await heldByPacing(waiting!.id);
    expect((await dtoOf(waiting!.id)).post).toMatchObject({
      title: expect.stringMatching(/^Clip/),
    });
    const edited = await call<DistributionTarget>('distribution:editPost', {
      targetId: waiting!.id,
      title: 'Lake at dawn',
      text: 'Filmed at 6 am',
      hashtags: ['lake'],
      privacy: 'unlisted',
    });
    expect(edited).toMatchObject({ state: 'pending', post: { title: 'Lake at dawn' } });
    const videos = world.emulators.emulators.youtube.state.videos;
    const before = videos.size;
    await world.tick(61 * MIN);
    await world.waitForState(waiting!.id, 'success');
    expect(videos.size).toBe(before + 1);
    expect([...videos.values()].at(-1)).toMatchObject({
      snippet: { title: 'Lake at dawn', description: 'Filmed at 6 am\n\n#lake', tags: ['lake'] },
      status: { privacyStatus: 'unlisted' },
    });
    await world.setMinGap('youtube', null);
  });

  it('refuses text over the platform’s limits, per field, in the platform’s words', async () => {
    const [first] = await world.post(['facebook']);
    await world.waitForState(first!.id, 'success');
    // A waiting post stands for every editable one: hold Facebook back by pacing.
    await world.setMinGap('facebook', 120);
    const [waiting] = await world.post(['facebook']);
    await heldByPacing(waiting!.id);
    const tooLong = await refusal('distribution:editPost', {
      targetId: waiting!.id,
      title: 'A title',
      text: 'x'.repeat(2300),
      hashtags: [],
      privacy: 'friends',
    });
    expect(tooLong.code).toBe('BAD_INPUT');
    expect(
      (tooLong.details as { issues: Array<{ path: string; message: string }> }).issues,
    ).toEqual([
      { path: 'title', message: 'Facebook posts have no title. Leave it empty.' },
      {
        path: 'text',
        message: 'The description has 2300 characters; Facebook allows 2200. Shorten it.',
      },
    ]);
    const privacy = await refusal('distribution:editPost', {
      targetId: waiting!.id,
      title: null,
      text: 'Fine',
      hashtags: [],
      privacy: 'unlisted',
    });
    expect(privacy.message).toBe('Facebook accepts only public, friends, private privacy.');
    await world.setMinGap('facebook', null);
  });

  it('refuses an edit once posted, while uploading, and while its job runs', async () => {
    const [posted] = await world.post(['youtube']);
    await world.waitForState(posted!.id, 'success');
    const edit = (targetId: string) => ({
      targetId,
      title: 'New title',
      text: 'New text',
      hashtags: [],
      privacy: 'public',
    });
    expect(await refusal('distribution:editPost', edit(posted!.id))).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/never changes a published post/),
    });
    expect((await dtoOf(posted!.id)).edit.allowed).toBe(false);

    // TikTok keeps the post processing: the platform has it, with its text.
    const tiktok = world.emulators.emulators.tiktok.state;
    tiktok.processingPolls = 50;
    const [processing] = await world.post(['tiktok']);
    await vi.waitFor(
      async () => expect((await world.target(processing!.id)).tracking_id).toBeTruthy(),
      { timeout: 8000 },
    );
    expect(
      await refusal('distribution:editPost', {
        ...edit(processing!.id),
        title: null,
        privacy: 'private',
      }),
    ).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/processing this post/) });
    tiktok.processingPolls = 0;

    // A waiting post whose upload job a worker holds right now: the database refuses the edit.
    await world.setMinGap('youtube', 600);
    const [waiting] = await world.post(['youtube']);
    await vi.waitFor(
      async () =>
        expect(await job((await world.target(waiting!.id)).job_id!)).toMatchObject({
          state: 'queued',
        }),
      { timeout: 8000 },
    );
    const row = await world.target(waiting!.id);
    await world.t.engine.database.db
      .updateTable('jobs')
      .set({ state: 'running' })
      .where('id', '=', row.job_id!)
      .execute();
    expect(await refusal('distribution:editPost', edit(waiting!.id))).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/being uploaded right now/),
    });
    expect((await world.target(waiting!.id)).settings).toBe(row.settings);
    await world.t.engine.database.db
      .updateTable('jobs')
      .set({ state: 'queued' })
      .where('id', '=', row.job_id!)
      .execute();
    await world.setMinGap('youtube', null);
  });
});

describe('moving a waiting post', () => {
  it('refuses a time the gap does not allow, naming the nearest slot, and takes a free one', async () => {
    const account = world.accounts.facebook;
    const [first] = await world.post(['facebook']);
    await world.waitForState(first!.id, 'success');
    const postedAt = (await world.target(first!.id)).published_at!;
    await world.setMinGap('facebook', 30);
    const [second] = await world.post(['facebook']);
    expect((await heldByPacing(second!.id)).waiting_until).toBe(postedAt + 30 * MIN);

    const refused = await refusal('distribution:reschedule', {
      targetId: second!.id,
      at: postedAt + 10 * MIN,
    });
    expect(refused.code).toBe('CONFLICT');
    const nearest = postedAt + 30 * MIN;
    const clock = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'UTC',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(nearest));
    expect(refused.message).toBe(
      `You asked for at least 30 minutes between posts (${account.handle} on Facebook): the nearest free slot is ${clock} (UTC).`,
    );
    expect(refused.details).toEqual({ nearest });

    const later = postedAt + 45 * MIN;
    const moved = await call<DistributionTarget>('distribution:reschedule', {
      targetId: second!.id,
      at: later,
    });
    expect(moved).toMatchObject({ state: 'pending', notBefore: later, waitingUntil: later });
    const row = await world.target(second!.id);
    expect(await job(row.job_id!)).toMatchObject({ state: 'queued', not_before: later });
    expect(await call<PostChange[]>('distribution:changes', { targetId: second!.id })).toEqual([
      expect.objectContaining({ kind: 'time', by: 'http', from: null, to: later }),
    ]);
    await world.tick(later - world.clock.now() - MIN);
    expect((await world.target(second!.id)).state).toBe('pending');
    await world.tick(2 * MIN);
    await world.waitForState(second!.id, 'success');
    expect((await world.target(second!.id)).published_at).toBeGreaterThanOrEqual(later);
    await world.setMinGap('facebook', null);
  });

  it('moves a post earlier than its job’s wake time when the rules allow it then', async () => {
    const [first] = await world.post(['facebook']);
    await world.waitForState(first!.id, 'success');
    await world.setMinGap('facebook', 240);
    const [second] = await world.post(['facebook']);
    await heldByPacing(second!.id);
    const wake = (await job((await world.target(second!.id)).job_id!)).not_before;
    // The person loosens the gap: 10 minutes from now is allowed, long before the job's wake.
    await world.setMinGap('facebook', 5);
    const soon = world.clock.now() + 10 * MIN;
    expect(soon).toBeLessThan(wake);
    await call('distribution:reschedule', { targetId: second!.id, at: soon });
    await world.tick(11 * MIN);
    await world.waitForState(second!.id, 'success');
    await world.setMinGap('facebook', null);
  });

  it('refuses a time over a platform cap, and posts that are not waiting', async () => {
    const [first] = await world.post(['youtube']);
    await world.waitForState(first!.id, 'success');
    // Instagram posted earlier today (the first test): one post per 24 hours leaves no room.
    await world.t.engine.services.accounts.updatePacing({ instagramPostsPer24h: 1 });
    const [second] = await world.post(['instagram']);
    await heldByPacing(second!.id);
    const refused = await refusal('distribution:reschedule', {
      targetId: second!.id,
      at: world.clock.now() + 60 * MIN,
    });
    expect(refused.message).toMatch(
      /^Instagram allows 1 API post per account in any 24 hours \(.+ on Instagram\): the nearest free slot is .+ \(UTC\)\.$/,
    );
    expect(
      await refusal('distribution:reschedule', {
        targetId: first!.id,
        at: world.clock.now() + MIN,
      }),
    ).toMatchObject({
      code: 'CONFLICT',
      message: 'This post is already published; its time cannot change.',
    });
    expect(
      await refusal('distribution:reschedule', {
        targetId: second!.id,
        at: world.clock.now() - 5 * MIN,
      }),
    ).toMatchObject({ message: 'That time has passed. Pick a time from now on.' });
    await world.t.engine.services.accounts.updatePacing({ instagramPostsPer24h: 50 });
  });
});
