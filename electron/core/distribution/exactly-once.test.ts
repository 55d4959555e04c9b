import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DistributionTarget, DistributionVideo } from '../../../shared/domain/distribution';
import { invokeOk } from '../accounts/testing/accounts-test-kit';
import { fastRuntime } from '../platforms/testing/upload-test-kit';
import { createDistributionWorld, type DistributionWorld } from './testing/distribution-world';

let world: DistributionWorld;
beforeAll(async () => {
  world = await createDistributionWorld({
    platformSettings: {
      runtime: { ...fastRuntime, timeouts: { connectMs: 2000, idleMs: 400, totalMs: 20_000 } },
    },
    uploadTimings: {
      processingDeadlineMs: {
        youtube: 24 * 3_600_000,
        tiktok: 10 * 60_000,
        instagram: 2 * 3_600_000,
        facebook: 6 * 3_600_000,
        x: 3_600_000,
      },
    },
  });
}, 30_000);
afterAll(async () => {
  await world.dispose();
});

const e = () => world.emulators.emulators;
const wait = { timeout: 10_000, interval: 20 };

async function shown(targetId: string): Promise<DistributionTarget> {
  const videos = await invokeOk<DistributionVideo[]>(world.t, 'distribution:list', {});
  const target = videos.flatMap((v) => v.targets).find((t) => t.id === targetId);
  if (!target) throw new Error(`target ${targetId} is not listed`);
  return target;
}

/** Moves the fake clock until the target reaches `state`, a minute at a time. */
async function tickUntil(targetId: string, state: string, maxMinutes = 60): Promise<void> {
  for (let i = 0; i < maxMinutes && (await world.target(targetId)).state !== state; i += 1) {
    await world.tick(60_000);
  }
  await world.waitForState(targetId, state as 'success');
}

describe('a saved step before the irreversible call resumes with publish()', () => {
  it('publishes an Instagram container that was still processing after the polls, with the media id', async () => {
    const ig = e().instagram.state;
    ig.processingPolls = 25;
    const [target] = await world.post(['instagram']);
    await vi.waitFor(async () => {
      const row = await world.target(target!.id);
      expect(row.phase).toBe('processing');
      expect(row.processing_since).not.toBeNull();
    }, wait);
    const waiting = await world.target(target!.id);
    // A container is never a post: no tracking id, not published.
    expect(waiting).toMatchObject({ state: 'processing', tracking_id: null, remote_id: null });
    expect(JSON.parse(waiting.upload_state ?? '{}')).toMatchObject({ step: 'uploaded' });
    const before = ig.media.size;
    ig.processingPolls = 0;
    await tickUntil(target!.id, 'success');
    const done = await world.target(target!.id);
    const media = [...ig.media.values()].at(-1)!;
    expect(ig.media.size).toBe(before + 1);
    expect(done.remote_id).toBe(media.id);
    expect(done.remote_id).not.toBe(media.containerId);
  });

  it('tweets a video X was still processing after the polls, instead of failing it', async () => {
    const x = e().x.state;
    x.processingPolls = 25;
    const tweets = x.tweets.size;
    const [target] = await world.post(['x']);
    await vi.waitFor(
      async () => expect((await world.target(target!.id)).processing_since).not.toBeNull(),
      wait,
    );
    expect(await world.target(target!.id)).toMatchObject({ state: 'processing', error_kind: null });
    x.processingPolls = 0;
    await tickUntil(target!.id, 'success');
    expect(x.tweets.size).toBe(tweets + 1);
  });
});

describe('an irreversible call whose answer was lost', () => {
  it('is verified (never retried blindly), then found: one tweet', async () => {
    e().x.faults.arm('x.tweets.create', { type: 'loseAnswer' });
    const tweets = e().x.state.tweets.size;
    const [target] = await world.post(['x']);
    await vi.waitFor(async () => expect((await shown(target!.id)).state).toBe('verifying'), wait);
    const row = await world.target(target!.id);
    expect(row).toMatchObject({ state: 'processing', error_kind: 'unknown' });
    expect(row.irreversible_at).not.toBeNull();
    // Retry by hand never clears it: the post is being looked for.
    const retry = await world.t.engine.invoke('distribution:retry', { targetId: target!.id });
    expect(retry).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    await tickUntil(target!.id, 'success');
    expect(e().x.state.tweets.size).toBe(tweets + 1);
    const tweet = [...e().x.state.tweets.values()].at(-1)!;
    expect((await world.target(target!.id)).remote_id).toBe(tweet.id);
  });

  it('posts again once the lookup proves the broken call made no post', async () => {
    e().x.faults.arm('x.tweets.create', { type: 'drop' });
    const tweets = e().x.state.tweets.size;
    const [target] = await world.post(['x']);
    await vi.waitFor(async () => expect((await shown(target!.id)).state).toBe('verifying'), wait);
    await tickUntil(target!.id, 'success');
    expect(e().x.state.tweets.size).toBe(tweets + 1);
  });

  it('keeps a failed unknown outcome: Retry looks for the post first and never posts twice', async () => {
    // More lost lookups than attempts: the target fails as unknown.
    e().x.faults.arm('x.tweets.create', { type: 'loseAnswer' });
    e().x.faults.arm('x.users.tweets', { type: 'drop' }, 40);
    const tweets = e().x.state.tweets.size;
    const [target] = await world.post(['x']);
    await tickUntil(target!.id, 'failed', 90);
    const failed = await shown(target!.id);
    expect(failed).toMatchObject({ state: 'failed', errorKind: 'unknown' });
    expect(failed.suggestedAction).toMatch(/checks first and posts only if the post is not there/);
    e().x.faults.clear();
    const retried = await invokeOk<DistributionTarget>(world.t, 'distribution:retry', {
      targetId: target!.id,
    });
    expect(retried.state).toBe('verifying');
    await tickUntil(target!.id, 'success');
    expect(e().x.state.tweets.size).toBe(tweets + 1);
  });

  it('writes the marker durably before the call reaches the platform', async () => {
    let seen: { irreversible_at: number | null; upload_state: string | null } | undefined;
    const raw = world.t.engine.database.raw;
    // A second connection reads the marker the moment the tweet request arrives.
    const { default: Database } = await import('better-sqlite3');
    const reader = new Database(raw.name, { readonly: true });
    // The engine's own connection: the synchronous level each write of the marker ran with.
    // Statements are prepared once and kept (the connection's cache): watch them run instead.
    type Run = (this: { source: string }, ...args: unknown[]) => unknown;
    const statement = Object.getPrototypeOf(raw.prepare('SELECT 1')) as Record<'run' | 'all', Run>;
    const originals = { run: statement.run, all: statement.all };
    const markerWrites: number[] = [];
    for (const method of ['run', 'all'] as const) {
      const original = originals[method];
      statement[method] = function (this: { source: string }, ...args: unknown[]) {
        if (
          /^update "distribution_targets"/i.test(this.source) &&
          this.source.includes('"irreversible_at"')
        )
          markerWrites.push(Number(raw.pragma('synchronous', { simple: true })));
        return original.apply(this, args);
      };
    }
    let levelAtTweet: number | undefined;
    try {
      const original = e().x.state.tweets.set.bind(e().x.state.tweets);
      e().x.state.tweets.set = (id, tweet) => {
        seen = reader
          .prepare(
            "SELECT irreversible_at, upload_state FROM distribution_targets WHERE platform = 'x' ORDER BY created_at DESC, rowid DESC LIMIT 1",
          )
          .get() as typeof seen;
        levelAtTweet = markerWrites.at(-1);
        return original(id, tweet);
      };
      const [target] = await world.post(['x']);
      await world.waitForState(target!.id, 'success');
      e().x.state.tweets.set = original;
    } finally {
      statement.run = originals.run;
      statement.all = originals.all;
      reader.close();
    }
    expect(seen?.irreversible_at).not.toBeNull();
    expect(JSON.parse(seen?.upload_state ?? '{}')).toMatchObject({ step: 'tweeting' });
    // 2 is FULL: the marker's commit synced the write-ahead log before the tweet was sent.
    expect(levelAtTweet).toBe(2);
    expect(Number(raw.pragma('synchronous', { simple: true }))).toBe(1);
  });
});

describe('pacing counts posts in flight', () => {
  it('lets one of two uploads for an account with a 30-minute gap go, and the other wait', async () => {
    const account = world.accounts.tiktok;
    await world.t.engine.services.accounts.updateLimits(account.id, {
      postsPerHour: null,
      postsPerDay: null,
      minGapMinutes: 30,
    });
    // Older posts out of the way: only these two count.
    await world.tick(31 * 60_000);
    const posts = e().tiktok.state.posts.size;
    const [[a], [b]] = await Promise.all([world.post(['tiktok']), world.post(['tiktok'])]);
    await vi.waitFor(async () => {
      const states = [await world.target(a!.id), await world.target(b!.id)];
      expect(states.filter((t) => t.state === 'success')).toHaveLength(1);
      expect(states.filter((t) => t.waiting_until !== null)).toHaveLength(1);
    }, wait);
    expect(e().tiktok.state.posts.size).toBe(posts + 1);
    const waiting = [await world.target(a!.id), await world.target(b!.id)].find(
      (t) => t.state !== 'success',
    )!;
    expect(waiting.state).toBe('pending');
    expect(waiting.waiting_until! - world.clock.now()).toBeGreaterThan(29 * 60_000);
    await tickUntil(waiting.id, 'success', 40);
    expect(e().tiktok.state.posts.size).toBe(posts + 2);
    await world.t.engine.services.accounts.updateLimits(account.id, {
      postsPerHour: null,
      postsPerDay: null,
      minGapMinutes: null,
    });
  });
});

describe('uploads have deadlines', () => {
  it('ends a call to a server that never answers and resumes from the saved state', async () => {
    const yt = e().youtube;
    yt.faults.arm('youtube.upload.chunk', { type: 'hang' }, 2);
    const videos = yt.state.videos.size;
    const [target] = await world.post(['youtube']);
    await tickUntil(target!.id, 'success', 10);
    expect(yt.state.videos.size).toBe(videos + 1);
    expect(yt.state.uploads.sessions.size).toBeGreaterThan(0);
  });

  it('fails a post the platform processes past its deadline, saying what to check', async () => {
    const tiktok = e().tiktok.state;
    tiktok.processingPolls = 10_000;
    const [target] = await world.post(['tiktok']);
    await tickUntil(target!.id, 'failed', 20);
    const failed = await shown(target!.id);
    expect(failed.errorMessage).toMatch(/TikTok has been processing the post for \d+ minutes/);
    expect(failed.errorMessage).toMatch(/never posts a second copy/);
    tiktok.processingPolls = 0;
  });
});
