import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startYouTubeEmulator,
  type YouTubeEmulator,
} from '../../../emulators/youtube/youtube-emulator';
import { spawnEngineProcess, until } from '../testing/child-engine';
import { makeBatchVideos } from './testing/batch-videos';

let dir: string;
let emulator: YouTubeEmulator;
const children: ChildProcess[] = [];
const closers: Array<() => Promise<void>> = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'reelpilot-batch-crash-'));
  emulator = await startYouTubeEmulator();
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await emulator.close();
  for (const close of closers) await close();
  rmSync(dir, { recursive: true, force: true });
});

function runEngine(
  mode: 'start' | 'resume',
  clockOffsetMs: number,
  videos: string[],
  kind: 'distribute' | 'generate' | 'csv-config' = 'distribute',
  youtube: YouTubeEmulator = emulator,
) {
  const run = spawnEngineProcess(
    join(import.meta.dirname, 'testing', 'batch-engine-child.ts'),
    join(dir, `${kind}-${mode}.json`),
    {
      mode,
      kind,
      dataDir: join(dir, kind),
      videos,
      clockOffsetMs,
      endpointOverrides: { youtube: youtube.endpoints },
      app: youtube.state.auth.app,
    },
  );
  children.push(run.child);
  return run;
}

/**
 * A three-item batch rendering its own videos, on its own emulator (YouTube's daily upload quota
 * is spent by the first batch): killed once a first post is out, then run to the end 2 min later.
 */
async function killThenResume(kind: 'generate' | 'csv-config', videos: string[]) {
  const own = await startYouTubeEmulator();
  closers.push(() => own.close());
  own.faults.arm('youtube.upload.chunk', { type: 'delay', ms: 400 }, 1000);

  const first = runEngine('start', 0, videos, kind, own);
  await until(() => own.state.videos.size >= 1, 'a first post to be published');
  first.child.kill('SIGKILL');
  await once(first.child, 'exit');
  expect(first.out()).toMatch(/"items":3/);
  expect(own.state.videos.size).toBeLessThan(3);
  own.faults.clear();

  const second = runEngine('resume', 120_000, videos, kind, own);
  const [code] = (await once(second.child, 'exit')) as [number];
  expect(second.err()).toBe('');
  expect(code).toBe(0);
  return {
    result: JSON.parse(second.out().trim()) as unknown,
    posted: [...own.state.videos.values()],
  };
}

describe('a batch whose engine is killed with SIGKILL in the middle', () => {
  it('completes every item exactly once after a restart', async () => {
    const videos = makeBatchVideos(dir, 5, 'crash');
    const sums = videos.map((v) => createHash('sha256').update(readFileSync(v)).digest('hex'));
    // Slow uploads, so the kill lands with posts made, uploads under way and items waiting.
    emulator.faults.arm('youtube.upload.chunk', { type: 'delay', ms: 400 }, 1000);

    const first = runEngine('start', 0, videos);
    await until(() => emulator.state.videos.size >= 2, 'two posts to be published');
    first.child.kill('SIGKILL');
    await once(first.child, 'exit');
    expect(first.out()).toMatch(/"items":5/);
    const before = emulator.state.videos.size;
    expect(before).toBeLessThan(5);
    emulator.faults.clear();

    // Two minutes later: the dead worker's leases have run out.
    const second = runEngine('resume', 120_000, videos);
    const [code] = (await once(second.child, 'exit')) as [number];
    expect(second.err()).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(second.out().trim())).toEqual({
      state: 'done',
      items: ['succeeded', 'succeeded', 'succeeded', 'succeeded', 'succeeded'],
      runs: 0,
    });
    // Five posts, one per video: none lost, none twice.
    const posted = [...emulator.state.videos.values()].map((v) => v.sha256);
    expect(posted).toHaveLength(5);
    expect(new Set(posted)).toEqual(new Set(sums));
  }, 120_000);

  it('a generate batch: every topic rendered by one run and posted once after a restart', async () => {
    const { result, posted } = await killThenResume('generate', makeBatchVideos(dir, 2, 'topics'));
    // One run per item (started under its key), one post per topic: none lost, none twice.
    expect(result).toEqual({
      state: 'done',
      items: ['succeeded', 'succeeded', 'succeeded'],
      runs: 3,
    });
    const titles = posted.map((v) => v.snippet.title);
    expect(titles.sort()).toEqual(['First topic', 'Second topic', 'Third topic']);
  }, 180_000);

  it('CSV rows naming a config: each row rendered by one run and posted once after a restart', async () => {
    const { result, posted } = await killThenResume('csv-config', makeBatchVideos(dir, 3, 'rows'));
    expect(result).toEqual({
      state: 'done',
      items: ['succeeded', 'succeeded', 'succeeded'],
      runs: 3,
    });
    // Each row's own video, once: three titles, three different files.
    expect(posted.map((v) => v.snippet.title).sort()).toEqual([
      'First row',
      'Second row',
      'Third row',
    ]);
    expect(new Set(posted.map((v) => v.sha256)).size).toBe(3);
  }, 180_000);
});
