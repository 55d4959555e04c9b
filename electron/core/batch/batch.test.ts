import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type {
  BatchCancelResult,
  BatchDetail,
  BatchExport,
  BatchSummary,
  CsvImportResult,
  CsvPreview,
} from '../../../shared/domain/batch';
import { invokeOk } from '../accounts/testing/accounts-test-kit';
import {
  createDistributionWorld,
  type DistributionWorld,
} from '../distribution/testing/distribution-world';
import { makeBatchVideos } from './testing/batch-videos';

let world: DistributionWorld;
let dir: string;
let files: string[];
let mediaIds: string[];

beforeAll(async () => {
  world = await createDistributionWorld();
  dir = mkdtempSync(join(tmpdir(), 'reelpilot-batch-'));
  files = makeBatchVideos(dir, 8);
  const report = await world.t.engine.services.media.importFiles(files.slice(0, 6));
  const byPath = new Map(report.imported.map((item) => [item.path, item.id]));
  mediaIds = files.slice(0, 6).map((f) => {
    const id = [...byPath.entries()].find(([p]) => p.endsWith(f.split('/').pop()!))?.[1];
    if (!id) throw new Error(`${f} not imported`);
    return id;
  });
}, 60_000);
afterAll(async () => {
  await world.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const call = <T>(channel: string, input: unknown) => invokeOk<T>(world.t, channel, input);
const detail = (id: string) => call<BatchDetail>('batch:get', { id });
const counts = () => {
  const e = world.emulators.emulators;
  return {
    youtube: e.youtube.state.videos.size,
    x: e.x.state.tweets.size,
    instagram: e.instagram.state.media.size,
  };
};

/** Runs the queue until the batch's items are all final (the fake clock moves in small steps). */
async function settle(id: string, ms = 60_000): Promise<BatchDetail> {
  await vi.waitFor(
    async () => {
      await world.tick(2_000);
      const d = await detail(id);
      expect(d.batch.counts.pending + d.batch.counts.running).toBe(0);
    },
    { timeout: 30_000, interval: 10 },
  );
  await world.tick(ms);
  return detail(id);
}

describe('batch: CSV import', () => {
  it('previews, imports the valid rows, posts each once, and a second import adds nothing', async () => {
    const x = world.accounts.x.handle;
    const yt = world.accounts.youtube.handle;
    const csv = [
      '\uFEFFscheduled_at;account;platform;media;caption;title;hashtags;privacy;external_id',
      `;${x};x;${mediaIds[0]};=HYPERLINK("http://evil");;#one;;row-1`,
      `;${yt};youtube;${files[6]};From a file;A title;;unlisted;row-2`,
      `;@nobody;x;${mediaIds[1]};Nope;;;;row-3`,
    ].join('\r\n');
    const preview = await call<CsvPreview>('batch:previewCsv', {
      fileName: 'posts.csv',
      text: csv,
    });
    expect(preview.rows.map((r) => [r.rowNumber, r.ok])).toEqual([
      [2, true],
      [3, true],
      [4, false],
    ]);
    expect(preview.rows[2]!.errors[0]).toMatch(/No X account "@nobody"/);

    const before = counts();
    const result = await call<CsvImportResult>('batch:importCsv', {
      fileName: 'posts.csv',
      text: csv,
    });
    expect(result.created).toBe(2);
    const done = await settle(result.batch!.id);
    expect(done.batch.state).toBe('done');
    expect(done.items.map((i) => [i.rowNumber, i.state])).toEqual([
      [2, 'succeeded'],
      [3, 'succeeded'],
    ]);
    // The file path was imported into the library on the fly.
    expect(done.items[1]!.mediaId).toBeTruthy();
    expect(counts()).toEqual({ ...before, x: before.x + 1, youtube: before.youtube + 1 });
    const pushed = world.t.events
      .of('batch:itemUpdated')
      .filter((i) => i.batchId === done.batch.id);
    expect(pushed.at(-1)?.state).toBe('succeeded');

    // The same file again: nothing new, nothing posted.
    const again = await call<CsvImportResult>('batch:importCsv', {
      fileName: 'posts.csv',
      text: csv,
    });
    expect(again).toMatchObject({ created: 0, batch: null });
    expect(again.preview.duplicateRows).toBe(2);
    await world.tick(30_000);
    expect(counts()).toEqual({ ...before, x: before.x + 1, youtube: before.youtube + 1 });

    // Export: a formula-like caption is neutralized; JSON has the batch and its items.
    const exported = await call<BatchExport>('batch:export', { id: done.batch.id, format: 'csv' });
    expect(exported.fileName).toBe('posts-results.csv');
    expect(exported.content.charCodeAt(0)).toBe(0xfeff);
    expect(exported.content).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(exported.content).not.toMatch(/,=HYPERLINK/);
    const json = await call<BatchExport>('batch:export', { id: done.batch.id, format: 'json' });
    expect(JSON.parse(json.content)).toMatchObject({
      batch: { id: done.batch.id },
      items: [{}, {}],
    });
  }, 60_000);
});

describe('batch: the same video twice', () => {
  it('two rows whose files have the same bytes make one post; the second row says it was skipped and why', async () => {
    const [twin] = makeBatchVideos(dir, 1, 'twin');
    const copy = join(dir, 'twin-copy.mp4');
    copyFileSync(twin!, copy);
    const x = world.accounts.x.handle;
    const csv = [
      'account;platform;media;caption',
      `${x};x;${twin};The first of two`,
      `${x};x;${copy};The same video under another name`,
    ].join('\n');
    const before = counts();
    const result = await call<CsvImportResult>('batch:importCsv', {
      fileName: 'twins.csv',
      text: csv,
    });
    expect(result.created).toBe(2);
    // Said before anything runs: the files were read from disk and hashed (same size).
    expect(result.preview.rows.map((r) => r.warnings)).toEqual([
      [],
      [
        `${x} gets the same video as row 2 (the same bytes under another name): it is posted once, and this row will be skipped.`,
      ],
    ]);
    const done = await settle(result.batch!.id);
    const states = done.items.map((i) => i.state).sort();
    expect(states).toEqual(['skipped', 'succeeded']);
    const posted = done.items.find((i) => i.state === 'succeeded')!;
    const skipped = done.items.find((i) => i.state === 'skipped')!;
    expect(skipped.message).toBe(
      `Row ${posted.rowNumber} of this batch posts the same video to ${x}; a video never goes twice to one account.`,
    );
    expect(skipped.targetId).toBeNull();
    expect(counts()).toEqual({ ...before, x: before.x + 1 });
    expect(done.batch.counts).toMatchObject({ succeeded: 1, skipped: 1, failed: 0 });

    // The same files again, with other words: the preview says the account has the video.
    const again = await call<CsvPreview>('batch:previewCsv', {
      fileName: 'twins-again.csv',
      text: csv.replace('The first of two', 'Once more').replace('another name', 'yet again'),
    });
    const has = `${x} already has this video, posted or planned: a video goes once to an account, so this row will be skipped.`;
    expect(again.rows.map((r) => r.warnings[0])).toEqual([has, has]);
  }, 60_000);
});

describe('batch: lifecycle', () => {
  it('pauses (the running item finishes, no new one starts) and resumes to the end', async () => {
    const before = counts();
    const batch = await call<BatchSummary>('batch:createDistribute', {
      name: 'Pause test',
      mediaIds: [mediaIds[1], mediaIds[2], mediaIds[3]],
      accountIds: [world.accounts.instagram.id],
      timing: 'at',
      from: world.clock.now(),
      to: world.clock.now() + 3_600_000,
      post: { title: '', caption: 'Paused', hashtags: [], privacy: 'public' },
      concurrency: 1,
    });
    const paused = await call<BatchSummary>('batch:pause', { id: batch.id });
    expect(paused.state).toBe('paused');
    await world.tick(60_000);
    await world.t.engine.services.jobs.idle();
    await world.tick(60_000);
    // At most the one item in flight when it paused went on; the others wait.
    const held = (await detail(batch.id)).items;
    expect(held.filter((i) => i.state === 'pending').length).toBeGreaterThanOrEqual(2);
    const started = held.filter((i) => i.state !== 'pending').length;
    expect(counts().instagram).toBe(before.instagram + started);
    await call('batch:resume', { id: batch.id });
    const done = await settle(batch.id);
    expect(done.items.map((i) => i.state)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(counts().instagram).toBe(before.instagram + 3);
  }, 60_000);

  it('cancels: posts already out stay, the rest never go', async () => {
    const before = counts();
    const now = world.clock.now();
    const batch = await call<BatchSummary>('batch:createDistribute', {
      name: 'Cancel test',
      mediaIds: [mediaIds[3], mediaIds[4], mediaIds[5]],
      accountIds: [world.accounts.x.id],
      timing: 'spread',
      from: now,
      to: now + 3 * 3_600_000,
      post: { title: '', caption: 'Spread', hashtags: [], privacy: 'public' },
      concurrency: 3,
    });
    const planned = (await detail(batch.id)).items.map((i) => i.plannedAt! - now);
    expect(planned).toEqual([0, 3_600_000, 7_200_000]);
    await vi.waitFor(
      async () => {
        await world.tick(1_000);
        expect((await detail(batch.id)).items[0]!.state).toBe('succeeded');
      },
      { timeout: 20_000, interval: 10 },
    );
    const result = await call<BatchCancelResult>('batch:cancel', { id: batch.id });
    expect(result).toMatchObject({ cancelled: 2, alreadyPosted: 1 });
    expect(result.batch.state).toBe('cancelled');
    world.clock.advance(4 * 3_600_000);
    await world.tick(30_000);
    expect(counts().x).toBe(before.x + 1);
    expect((await detail(batch.id)).items.map((i) => i.state)).toEqual([
      'succeeded',
      'cancelled',
      'cancelled',
    ]);
  }, 60_000);

  it('starts at the chosen time: nothing posts before it', async () => {
    const before = counts();
    const startAt = world.clock.now() + 2 * 3_600_000;
    const csv = `account,platform,media,caption,external_id\n${world.accounts.youtube.handle},youtube,${mediaIds[4]},Later,later-1\n`;
    const csvWithTitle = csv
      .replace('caption,', 'caption,title,')
      .replace('Later,', 'Later,Later on,');
    const result = await call<CsvImportResult>('batch:importCsv', {
      fileName: 'later.csv',
      text: csvWithTitle,
      startAt,
    });
    expect(result.batch).toMatchObject({ state: 'waiting', startAt });
    await world.tick(60_000);
    expect(counts().youtube).toBe(before.youtube);
    expect((await detail(result.batch!.id)).items[0]!.state).toBe('pending');
    world.clock.advance(2 * 3_600_000);
    const done = await settle(result.batch!.id);
    expect(done.batch.state).toBe('done');
    expect(done.items[0]!.state).toBe('succeeded');
    expect(counts().youtube).toBe(before.youtube + 1);
  }, 60_000);

  it('retries a failed item once the cause is fixed: one post', async () => {
    const before = counts();
    world.emulators.emulators.instagram.state.rejectNextWith = 'The video could not be processed';
    const batch = await call<BatchSummary>('batch:createDistribute', {
      name: 'Retry test',
      mediaIds: [mediaIds[0]],
      accountIds: [world.accounts.instagram.id],
      timing: 'at',
      from: world.clock.now(),
      to: world.clock.now() + 60_000,
      post: { title: '', caption: 'Retry me', hashtags: [], privacy: 'public' },
    });
    const failed = await settle(batch.id, 0);
    expect(failed.items[0]).toMatchObject({ state: 'failed' });
    expect(failed.items[0]!.message).toMatch(/could not be processed/);
    expect(failed.batch).toMatchObject({ state: 'done', counts: { failed: 1 } });
    await call('batch:retry', { id: batch.id });
    const done = await settle(batch.id);
    expect(done.items[0]!.state).toBe('succeeded');
    expect(done.batch.state).toBe('done');
    expect(counts().instagram).toBe(before.instagram + 1);
  }, 60_000);

  it('never plans a video twice for one account, and deleting a batch keeps its posts', async () => {
    const plan = await call<{ slots: Array<{ alreadyPosted: boolean }> }>('batch:planDistribute', {
      mediaIds: [mediaIds[0]],
      accountIds: [world.accounts.instagram.id, world.accounts.facebook.id],
      timing: 'at',
      from: world.clock.now(),
      to: world.clock.now() + 60_000,
    });
    expect(plan.slots.map((s) => s.alreadyPosted)).toEqual([true, false]);
    const list = await call<BatchSummary[]>('batch:list', {});
    const retry = list.find((b) => b.name === 'Retry test')!;
    const targetsBefore = await world.t.engine.database.db
      .selectFrom('distribution_targets')
      .select('id')
      .execute();
    expect(await call('batch:delete', { id: retry.id })).toEqual({ deleted: true });
    const targetsAfter = await world.t.engine.database.db
      .selectFrom('distribution_targets')
      .select('id')
      .execute();
    expect(targetsAfter).toHaveLength(targetsBefore.length);
    expect(world.t.events.of('batch:changed').at(-1)).toEqual({ id: retry.id, batch: null });
  }, 30_000);

  it('distribution records a library video under its own id once: handing it over again finds the same post', async () => {
    const service = world.t.engine.services.distribution;
    const video = {
      id: 'media:test-same-video',
      runVideoId: null,
      configId: null,
      title: 'Same video',
      filePath: files[7]!,
    };
    const target = {
      accountId: world.accounts.facebook.id,
      settings: { caption: 'Once', privacy: 'public' as const },
    };
    const [first] = await service.distribute(video, [target]);
    // Moved or renamed meanwhile: the recorded facts are used, the file is not probed again.
    const [again] = await service.distribute({ ...video, filePath: '/nowhere/gone.mp4' }, [target]);
    expect(again!.id).toBe(first!.id);
    const rows = await world.t.engine.database.db
      .selectFrom('distribution_videos')
      .select('id')
      .where('id', '=', video.id)
      .execute();
    expect(rows).toHaveLength(1);
  }, 30_000);
});
