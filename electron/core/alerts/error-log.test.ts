import { afterEach, describe, expect, it } from 'vitest';
import type { ErrorEntry, ErrorPage } from '../../../shared/domain/error-log';
import { ok } from '../testing/test-engine';
import { createMonitoringWorld, type MonitoringWorld } from './testing/monitoring-world';

let world: MonitoringWorld;
afterEach(async () => {
  await world.dispose();
});

const MINUTE = 60_000;

async function errors(input: Record<string, unknown> = {}): Promise<ErrorPage> {
  return ok<ErrorPage>(world.t.engine.invoke('statistics:errors', input));
}

/** Failed posts on two platforms and accounts, a dead render, a dead metrics job, a dead upload. */
async function seed() {
  world = await createMonitoringWorld();
  const now = world.clock.now();
  const tiktok = await world.account({ platform: 'tiktok', handle: '@beach' });
  const youtube = await world.account({ platform: 'youtube', handle: 'channel' });
  const content = await world.post(tiktok, {
    error_kind: 'content',
    error_message: 'Longer than 10 minutes.',
    updated_at: now - 5 * MINUTE,
    title: 'Sunset',
  });
  const auth = await world.post(youtube, {
    error_kind: 'auth',
    error_message: 'The token was revoked.',
    updated_at: now - 4 * MINUTE,
  });
  // Not failed: never in the log.
  await world.post(tiktok, { state: 'success', updated_at: now - 3 * MINUTE });
  const config = await world.config('Morning');
  const run = await world.run(config, 'failed', now - 2 * MINUTE, 'A clip could not be read.');
  const render = await world.job({
    kind: 'render',
    state: 'dead',
    last_error: 'ffmpeg exited with code 1: invalid data in clip.mp4',
    finishedAt: now - 2 * MINUTE,
    runVideoOf: run,
  });
  const metrics = await world.job({
    kind: 'metrics',
    state: 'dead',
    last_error: 'HTTP 500',
    finishedAt: now - MINUTE,
  });
  // An upload that gave up is its failed post: not listed twice.
  await world.job({ kind: 'upload', state: 'dead', last_error: 'x', finishedAt: now });
  return { tiktok, youtube, content, auth, config, render, metrics };
}

describe('errors log', () => {
  it('lists failed posts and jobs, newest first, with what to do and where they are', async () => {
    const s = await seed();
    const page = await errors();
    expect(page.nextCursor).toBeNull();
    expect(page.entries.map((e) => e.id)).toEqual([
      `job:${s.metrics}`,
      `job:${s.render}`,
      `post:${s.auth}`,
      `post:${s.content}`,
    ]);
    const [metrics, render, auth, content] = page.entries as [
      ErrorEntry,
      ErrorEntry,
      ErrorEntry,
      ErrorEntry,
    ];
    expect(content).toMatchObject({
      source: 'post',
      platform: 'tiktok',
      accountId: s.tiktok,
      accountHandle: '@beach',
      errorClass: 'content',
      subject: 'Sunset',
      message: 'Longer than 10 minutes.',
      suggestedAction: expect.stringContaining('Change the video or its text'),
      target: { screen: 'distribution', itemId: s.content },
    });
    expect(auth).toMatchObject({ errorClass: 'auth', suggestedAction: /Reconnect the account/ });
    expect(render).toMatchObject({
      source: 'job',
      platform: null,
      errorClass: 'render',
      jobKind: 'render',
      subject: 'Morning',
      message: 'ffmpeg exited with code 1: invalid data in clip.mp4',
      suggestedAction: expect.stringContaining('run history'),
      target: { screen: 'configs', itemId: s.config },
    });
    expect(metrics).toMatchObject({
      errorClass: 'metrics',
      subject: 'Reading a post’s metrics',
      target: null,
    });
  });

  it('filters by platform, account, class and period', async () => {
    const s = await seed();
    const ids = async (input: Record<string, unknown>) =>
      (await errors(input)).entries.map((e) => e.id);
    expect(await ids({ platform: 'youtube' })).toEqual([`post:${s.auth}`]);
    expect(await ids({ accountId: s.tiktok })).toEqual([`post:${s.content}`]);
    expect(await ids({ errorClass: 'render' })).toEqual([`job:${s.render}`]);
    expect(await ids({ errorClass: 'content' })).toEqual([`post:${s.content}`]);
    const now = world.clock.now();
    expect(await ids({ from: now - 4 * MINUTE, to: now - MINUTE })).toEqual([
      `job:${s.render}`,
      `post:${s.auth}`,
    ]);
    expect(
      await world.t.engine.invoke('statistics:errors', { from: now, to: now - 1 }),
    ).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', message: expect.stringContaining('end after') },
    });
  });

  it('pages through the log, each failure once, in order', async () => {
    const s = await seed();
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page = await errors({ limit: 1, ...(after ? { after } : {}) });
      seen.push(...page.entries.map((e) => e.id));
      after = page.nextCursor ?? undefined;
    } while (after);
    expect(seen).toEqual([
      `job:${s.metrics}`,
      `job:${s.render}`,
      `post:${s.auth}`,
      `post:${s.content}`,
    ]);
  });
});
