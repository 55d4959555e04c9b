import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  Config,
  ConfigPreview,
  ConfigRun,
  MediaSources,
} from '../../../shared/domain/configs';
import type { MediaItem } from '../../../shared/domain/media';
import { sampleConfig } from '../configs/testing/sample-config';
import { PermanentJobError } from '../jobs/job-handler';
import { makeMedia } from '../media/testing/make-media';
import { RenderError } from '../render/ffmpeg-process';
import { waitForRun } from '../runs/testing/generation-engine';
import { createTestEngine, ok, type TestEngine } from '../testing/test-engine';
import type { MediaPickRequest } from './generation-ports';
import { tagForConfig, toJobError } from './library-render-port';
import { MediaLibrarySource } from './media-library-source';

/**
 * The whole generation path with nothing faked but the clock: media made by ffmpeg, imported
 * through the media library, a config run rendered by the real render engine (small, through
 * the tests-only `renderHeight`), the video registered in the library.
 */
let t: TestEngine | null = null;
afterEach(async () => {
  await t?.dispose();
  t = null;
});

/** Real renders on two busy cores take a while. */
const slow = { timeout: 30_000, interval: 100 };

function probe(file: string) {
  const out = execFileSync(
    'ffprobe',
    ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file],
    { encoding: 'utf8' },
  );
  return JSON.parse(out) as {
    format: { duration: string };
    streams: Array<{ codec_type: string; width?: number; height?: number }>;
  };
}

async function engineWithMedia() {
  t = await createTestEngine({ options: { shutdownGraceMs: 0, renderHeight: 160 } });
  const source = path.join(t.dataDir, 'source');
  mkdirSync(source, { recursive: true });
  const media = t.engine.services.media;
  const visual = await media.importFiles(
    [
      makeMedia.image(source, 'Sunset.png', 'orange', '120x90'),
      makeMedia.image(source, 'Waves.png', 'navy', '90x120'),
      makeMedia.video(source, 'Surf.mp4', 1),
    ],
    { tags: ['beach'] },
  );
  const audio = await media.importFiles([makeMedia.audio(source, 'Song.wav', 2)], {
    tags: ['music'],
  });
  expect(visual.imported).toHaveLength(3);
  expect(audio.imported).toHaveLength(1);
  return { engine: t, visual: visual.imported, audio: audio.imported };
}

describe('generation with the media library and the render engine', () => {
  it('runs a config now: real render, progress, the video registered in the library', async () => {
    const { engine } = await engineWithMedia();
    const input = sampleConfig({ kind: 'daily', times: ['09:00'] });
    input.name = 'Beach days';
    input.content = {
      ...input.content,
      clipCount: 3,
      lengthSeconds: 3,
      stylePreset: 'cinematic',
      transition: { type: 'crossfade', durationMs: 300 },
      textOverlay: { ...input.content.textOverlay, enabled: true, template: '{title} #{index}' },
      audio: { ...input.content.audio, source: { kind: 'tagged', tags: ['music'] }, fadeInMs: 0 },
    };
    const config = await ok<Config>(engine.engine.invoke('configs:create', input));
    const started = await ok<ConfigRun>(
      engine.engine.invoke('configs:executeNow', { id: config.id }),
    );
    const run = await waitForRun(engine, started.id, ['succeeded', 'failed'], slow);
    expect(run.error).toBeNull();
    expect(run.state).toBe('succeeded');
    const video = run.videos[0];
    expect(video).toMatchObject({ state: 'rendered', progress: 1, durationMs: 3000 });
    expect(video?.mediaIds).toHaveLength(3);
    const outputPath = video?.outputPath ?? '';
    expect(path.dirname(outputPath)).toBe(path.join(engine.ports.paths.mediaDir, 'renders'));

    // Progress reached the UI's events while it rendered.
    const fractions = engine.events
      .of('jobs:progress')
      .filter((event) => event.kind === 'render' && event.progress !== null)
      .map((event) => event.progress as number);
    expect(fractions.some((fraction) => fraction > 0 && fraction < 1)).toBe(true);
    expect(
      engine.events
        .of('configs:runUpdated')
        .some((update) => update.videos.some((v) => v.state === 'rendering')),
    ).toBe(true);

    const [found] = await ok<Array<{ path: string; item: MediaItem | null }>>(
      engine.engine.invoke('configs:renderedMedia', { paths: [outputPath] }),
    );
    expect(found?.item).toMatchObject({
      kind: 'video',
      origin: 'rendered',
      tags: ['Beach days'],
      width: 90,
      height: 160,
    });

    const facts = probe(outputPath);
    expect(Number(facts.format.duration)).toBeCloseTo(3, 0);
    expect(facts.streams.find((s) => s.codec_type === 'video')).toMatchObject({
      width: 90,
      height: 160,
    });
    expect(facts.streams.some((s) => s.codec_type === 'audio')).toBe(true);
  });

  it('fails in words when the config matches nothing in the library', async () => {
    const { engine } = await engineWithMedia();
    const input = sampleConfig({ kind: 'hourly', minute: 0 });
    input.content.sources = { tags: ['mountains'], folders: [], itemIds: [] };
    const config = await ok<Config>(engine.engine.invoke('configs:create', input));
    const started = await ok<ConfigRun>(
      engine.engine.invoke('configs:executeNow', { id: config.id }),
    );
    const run = await waitForRun(engine, started.id, ['failed'], slow);
    expect(run.error).toBe(
      "No media matches this config's sources: add photos or videos tagged mountains, or pick items.",
    );
    expect(
      await ok(engine.engine.invoke('jobs:list', { states: ['dead'], limit: 5 })),
    ).toMatchObject([{ kind: 'render', attempts: 1 }]);
  });

  it('previews an unsaved config as a short, small, playable file', async () => {
    const { engine, visual } = await engineWithMedia();
    const input = sampleConfig({ kind: 'daily', times: ['09:00'] });
    input.content = {
      ...input.content,
      sources: { tags: [], folders: [], itemIds: visual.slice(0, 2).map((item) => item.id) },
      clipCount: 2,
      lengthSeconds: 30,
      stylePreset: 'mono',
    };
    const preview = await ok<ConfigPreview>(
      engine.engine.invoke('configs:preview', { requestId: 'r1', config: input, seconds: 2 }),
    );
    expect(preview).toMatchObject({ durationMs: 2000, height: 360, width: 202 });
    expect(
      engine.events.of('configs:previewProgress').every((event) => event.requestId === 'r1'),
    ).toBe(true);

    const answer = await engine.engine.services.media.files.answer({
      variant: 'preview',
      id: preview.previewId,
      method: 'GET',
      range: 'bytes=0-99',
    });
    expect(answer).toMatchObject({
      status: 206,
      headers: { 'content-type': 'video/mp4', 'content-length': '100' },
    });
    const file = path.join(engine.ports.paths.cacheDir, 'previews', `${preview.previewId}.mp4`);
    expect(Number(probe(file).format.duration)).toBeCloseTo(2, 0);

    // Nothing picked, nothing tagged: the preview says what to do instead of rendering.
    input.content.sources = { tags: ['nowhere'], folders: [], itemIds: [] };
    expect(
      await engine.engine.invoke('configs:preview', { requestId: 'r2', config: input }),
    ).toMatchObject({
      ok: false,
      error: {
        code: 'BAD_INPUT',
        message:
          "No media matches this config's sources: add photos or videos tagged nowhere, or pick items.",
      },
    });
  });
});

describe('config sources over the media library', () => {
  it('matches any tag, folder or picked item, in a stable order, without audio or missing files', async () => {
    t = await createTestEngine({ options: { shutdownGraceMs: 0 } });
    const media = t.engine.services.media;
    const trips = path.join(t.dataDir, 'trips');
    const other = path.join(t.dataDir, 'other');
    mkdirSync(trips, { recursive: true });
    mkdirSync(other, { recursive: true });
    const one = await media.importFiles([makeMedia.image(other, 'one.png', 'red')], {
      tags: ['beach'],
    });
    const two = await media.importFiles([makeMedia.image(trips, 'two.png', 'green')], {
      tags: ['sea'],
    });
    const three = await media.importFiles([makeMedia.image(other, 'three.png', 'blue')]);
    await media.importFiles([makeMedia.audio(other, 'song.wav')], { tags: ['beach'] });
    const [a, b, c] = [one, two, three].map((report) => report.imported[0]?.id ?? '');
    const source = new MediaLibrarySource(media);
    const pick = (sources: MediaSources, extra: Partial<MediaPickRequest> = {}) =>
      source.pick({ sources, count: 10, order: 'sequential', offset: 0, kind: 'visual', ...extra });

    expect(
      (await pick({ tags: ['beach', 'sea'], folders: [], itemIds: [] })).map((p) => p.title),
    ).toEqual(['one', 'two']);
    expect((await pick({ tags: [], folders: [trips], itemIds: [] })).map((p) => p.id)).toEqual([b]);
    // Picked items come first, in the order they were picked.
    expect(
      (await pick({ tags: ['beach'], folders: [], itemIds: [c ?? '', b ?? ''] })).map((p) => p.id),
    ).toEqual([c, b, a]);
    expect(
      (await pick({ tags: ['beach'], folders: [], itemIds: [] }, { kind: 'audio' })).map(
        (p) => p.title,
      ),
    ).toEqual(['song']);
    // Sequential order continues from the offset and wraps around.
    expect(
      (
        await pick(
          { tags: ['beach', 'sea'], folders: [], itemIds: [c ?? ''] },
          {
            count: 2,
            offset: 2,
          },
        )
      ).map((p) => p.id),
    ).toEqual([b, c]);

    // A rendered video is a source only when picked one by one, whatever its tags and folder.
    const rendered = await media.registerRendered(makeMedia.image(trips, 'render.png', 'white'), [
      'sea',
    ]);
    expect((await pick({ tags: ['sea'], folders: [trips], itemIds: [] })).map((p) => p.id)).toEqual(
      [b],
    );
    expect(
      (await pick({ tags: [], folders: [], itemIds: [rendered.id] })).map((p) => p.id),
    ).toEqual([rendered.id]);
    expect(
      await source.count({ sources: { tags: ['sea'], folders: [], itemIds: [] }, kind: 'visual' }),
    ).toBe(1);

    rmSync(path.join(other, 'one.png'));
    await media.verify();
    expect(
      (await pick({ tags: ['beach', 'sea'], folders: [], itemIds: [] })).map((p) => p.id),
    ).toEqual([b]);
  });
});

describe('render outcomes for the job queue', () => {
  it('retries only ffmpeg failures', () => {
    for (const reason of ['cancelled', 'ffmpeg-missing', 'input'] as const) {
      expect(toJobError(new RenderError(reason, 'x'))).toBeInstanceOf(PermanentJobError);
    }
    const crash = new RenderError('ffmpeg', 'crashed');
    expect(toJobError(crash)).toBe(crash);
  });

  it('tags rendered videos with a usable form of the config name', () => {
    expect(tagForConfig('Beach, days\nagain')).toBe('Beach days again');
    expect(tagForConfig(' , ')).toBeNull();
    expect(tagForConfig('x'.repeat(80))).toHaveLength(60);
  });
});
