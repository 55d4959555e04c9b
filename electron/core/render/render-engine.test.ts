import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RenderPlanInput, RenderProgress } from '../../../shared/domain/render';
import { AppError } from '../errors';
import { RenderError } from './ffmpeg-process';
import { probeOutput, topLevelBoxes } from './ffprobe-output';
import {
  bundledFont,
  frameMd5,
  makeClip,
  makePhoto,
  makeTone,
  systemFfmpeg,
  testEngine,
} from './testing/render-fixtures';

let root: string;
let ffmpeg: Awaited<ReturnType<typeof systemFfmpeg>>;
let photoA: string;
let photoB: string;
let clip: string;
let tone: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'reelpilot-render-'));
  ffmpeg = await systemFfmpeg();
  photoA = path.join(root, 'a.jpg');
  photoB = path.join(root, 'b.png');
  clip = path.join(root, 'clip.mp4');
  tone = path.join(root, 'tone.m4a');
  await Promise.all([
    makePhoto(ffmpeg.ffmpegPath, photoA, '480x360'),
    makePhoto(ffmpeg.ffmpegPath, photoB, '300x600'),
    makeClip(ffmpeg.ffmpegPath, clip, { size: '320x240', seconds: 1, rate: 25 }),
    makeTone(ffmpeg.ffmpegPath, tone, 1.5),
  ]);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function image(file: string) {
  return { kind: 'image' as const, path: file, width: 480, height: 360, durationSec: null };
}

function smallPlan(name: string, overrides: Partial<RenderPlanInput> = {}): RenderPlanInput {
  return {
    clips: [
      {
        source: image(photoA),
        durationSec: 1.2,
        motion: 'in',
        transition: { type: 'fade', durationSec: 0.4 },
      },
      { source: image(photoB), durationSec: 1.2, motion: 'pan' },
    ],
    previewHeight: 320,
    outputPath: path.join(root, 'out', name),
    ...overrides,
  };
}

async function expectPlatformReady(
  file: string,
  expected: { width: number; height: number; frames: number },
) {
  const facts = await probeOutput(ffmpeg.ffprobePath, file);
  expect(facts.video).toMatchObject({
    codec: 'h264',
    pixFmt: 'yuv420p',
    width: expected.width,
    height: expected.height,
    fps: 30,
    frames: expected.frames,
  });
  expect(Math.abs((facts.video?.durationSec ?? 0) - expected.frames / 30)).toBeLessThanOrEqual(
    1 / 30,
  );
  expect(facts.audio).toMatchObject({
    codec: 'aac',
    profile: 'LC',
    sampleRate: 48000,
    channels: 2,
  });
  expect(Math.abs((facts.audio?.durationSec ?? 0) - expected.frames / 30)).toBeLessThanOrEqual(
    0.05,
  );
  const boxes = await topLevelBoxes(file);
  expect(boxes.indexOf('moov')).toBeGreaterThan(-1);
  expect(boxes.indexOf('moov')).toBeLessThan(boxes.indexOf('mdat'));
  return facts;
}

describe('render', () => {
  it('renders photos with motion, a transition, music and a caption into a platform-ready file', async () => {
    const engine = await testEngine(path.join(root, 'tmp-1'));
    const progress: RenderProgress[] = [];
    const result = await engine.render(
      smallPlan('full.mp4', {
        overlays: [{ text: 'Hello there', fontSize: 90, startSec: 0.2, endSec: 1.5 }],
        audio: { path: tone, volume: 0.8, fadeInSec: 0.3, fadeOutSec: 0.5 },
      }),
      (p) => progress.push(p),
    );
    expect(result).toMatchObject({
      width: 180,
      height: 320,
      fps: 30,
      frames: 60,
      durationMs: 2000,
    });
    await expectPlatformReady(result.outputPath, { width: 180, height: 320, frames: 60 });
    expect(progress.at(-1)).toMatchObject({
      fraction: 1,
      framesDone: 60,
      totalFrames: 60,
      etaMs: 0,
    });
    expect(
      progress.every((p, i) => i === 0 || p.fraction >= (progress[i - 1]?.fraction ?? 0)),
    ).toBe(true);
    // The work folder (graph script, caption files) is gone.
    expect(await readdir(path.join(root, 'tmp-1'))).toEqual([]);
  });

  it('caps the bitrate so grainy footage stays under the size the platforms allow', async () => {
    // Full-frame noise changing every frame: at CRF 21 alone it comes out near 13 Mb/s.
    const noisy = path.join(root, 'noisy.mp4');
    await promisify(execFile)(ffmpeg.ffmpegPath, [
      ...['-v', 'error', '-f', 'lavfi', '-i'],
      'testsrc2=size=270x480:rate=30,noise=alls=80:allf=t+u',
      ...['-t', '3', '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '8', '-y', noisy],
    ]);
    const engine = await testEngine(path.join(root, 'tmp-noise'));
    const source = {
      kind: 'video' as const,
      path: noisy,
      width: 270,
      height: 480,
      durationSec: 3,
    };
    const result = await engine.render(
      smallPlan('noisy.mp4', {
        clips: [{ source, durationSec: 3, motion: 'none' }],
        previewHeight: 480,
        // A tight limit for 3 s: the cap follows from the duration and the size allowed.
        maxBytes: 700_000,
      }),
    );
    expect(result.frames).toBe(90);
    expect(result.sizeBytes).toBeLessThan(700_000);
    // Without a limit of its own, the frame size's cap (2.5 Mb/s at this size) still holds it.
    const bySize = await engine.render(
      smallPlan('noisy-by-size.mp4', {
        clips: [{ source, durationSec: 3, motion: 'none' }],
        previewHeight: 480,
      }),
    );
    // 2.5 Mb/s for 3 s plus the 2 s buffer, and the audio: under 1.7 MB (uncapped: about 4.9 MB).
    expect(bySize.sizeBytes).toBeLessThan(1_700_000);
  });

  it('gives every output an audio track, silent when there is no music', async () => {
    const engine = await testEngine(path.join(root, 'tmp-2'));
    const result = await engine.render(
      smallPlan('silent.mp4', {
        aspect: '1:1',
        clips: [{ source: image(photoA), durationSec: 2 }],
      }),
    );
    expect(result).toMatchObject({ width: 320, height: 320 });
    await expectPlatformReady(result.outputPath, { width: 320, height: 320, frames: 60 });
  });

  it('uses a video clip as a source: trimmed, filled to the frame, last frame held', async () => {
    const engine = await testEngine(path.join(root, 'tmp-3'));
    const result = await engine.render(
      smallPlan('clip.mp4', {
        aspect: '16:9',
        previewHeight: 180,
        clips: [
          {
            source: { kind: 'video', path: clip, width: 320, height: 240, durationSec: 1 },
            durationSec: 1.5,
            startSec: 0.2,
            transition: { type: 'wipeleft', durationSec: 0.3 },
          },
          { source: image(photoA), durationSec: 1 },
        ],
      }),
    );
    expect(result).toMatchObject({ width: 320, height: 180, frames: 66 });
    await expectPlatformReady(result.outputPath, { width: 320, height: 180, frames: 66 });
  });

  it('draws text with quotes, colons, backslashes, percent signs and emoji, from paths that need escaping', async () => {
    // The caption files live under this folder and the font is copied under it, so both paths
    // in the graph hold every character the graph syntax gives a meaning to.
    const odd = path.join(root, "we'ird: [dir], ;name %d");
    await mkdir(odd, { recursive: true });
    const font = path.join(odd, "font's: [x].ttf");
    await copyFile(bundledFont, font);
    const engine = await testEngine(path.join(odd, 'tmp'), font);
    const tricky = `It's "quoted": C:\\dir\\ 100% done; [x], {y} %{pts} $HOME \\n 🎉👍🏽`;
    const withText = await engine.render(
      smallPlan('text.mp4', {
        clips: [{ source: image(photoA), durationSec: 1 }],
        overlays: [
          { text: tricky, position: 'center', box: true },
          { text: '%', position: 'top', box: false },
        ],
      }),
    );
    const plain = await engine.render(
      smallPlan('plain.mp4', { clips: [{ source: image(photoA), durationSec: 1 }] }),
    );
    await expectPlatformReady(withText.outputPath, { width: 180, height: 320, frames: 30 });
    const [a, b] = await Promise.all([
      frameMd5(ffmpeg.ffmpegPath, withText.outputPath, 0.5),
      frameMd5(ffmpeg.ffmpegPath, plain.outputPath, 0.5),
    ]);
    expect(a).not.toBe(b);
  });

  it('renders a short low-resolution preview of the first seconds', async () => {
    const engine = await testEngine(path.join(root, 'tmp-5'));
    const result = await engine.renderPreview(
      smallPlan('preview.mp4', {
        previewHeight: null,
        clips: [{ source: image(photoA), durationSec: 4 }],
      }),
      { seconds: 1, height: 240 },
    );
    expect(result).toMatchObject({ width: 136, height: 240, frames: 30, durationMs: 1000 });
    await expectPlatformReady(result.outputPath, { width: 136, height: 240, frames: 30 });
  });

  it('cancels: kills ffmpeg and leaves no partial file', async () => {
    const tempDir = path.join(root, 'tmp-cancel');
    const engine = await testEngine(tempDir);
    const controller = new AbortController();
    const plan = smallPlan('cancelled.mp4', {
      previewHeight: 720,
      clips: [{ source: image(photoA), durationSec: 120, motion: 'in' }],
    });
    const rendering = engine.render(
      plan,
      (p) => {
        if (p.framesDone > 0) controller.abort();
      },
      controller.signal,
    );
    await expect(rendering).rejects.toMatchObject({ name: 'RenderError', reason: 'cancelled' });
    expect(await readdir(path.join(root, 'out'))).not.toContain('cancelled.mp4');
    expect((await readdir(path.join(root, 'out'))).filter((f) => f.includes('cancelled'))).toEqual(
      [],
    );
    expect(await readdir(tempDir)).toEqual([]);
    const { stdout } = await promisify(execFile)('ps', ['-eo', 'args']);
    expect(stdout).not.toContain(tempDir);
  });

  it('never replaces a video already there, which an upload may be reading', async () => {
    const engine = await testEngine(path.join(root, 'tmp-taken'));
    const taken = path.join(root, 'out', 'taken.mp4');
    await mkdir(path.dirname(taken), { recursive: true });
    await writeFile(taken, 'a video being uploaded');
    await expect(engine.render(smallPlan('taken.mp4'))).rejects.toMatchObject({
      name: 'RenderError',
      message: expect.stringContaining('never replaces a rendered video'),
    });
    expect(await readFile(taken, 'utf8')).toBe('a video being uploaded');
    expect((await readdir(path.join(root, 'out'))).filter((f) => f.includes('taken'))).toEqual([
      'taken.mp4',
    ]);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const engine = await testEngine(path.join(root, 'tmp-aborted'));
    await expect(
      engine.render(smallPlan('never.mp4'), undefined, AbortSignal.abort()),
    ).rejects.toMatchObject({ reason: 'cancelled' });
  });

  it('explains a broken source with the end of what ffmpeg said', async () => {
    const broken = path.join(root, 'broken.jpg');
    await writeFile(broken, 'this is not a picture at all');
    const engine = await testEngine(path.join(root, 'tmp-broken'));
    const error = await engine
      .render(smallPlan('broken.mp4', { clips: [{ source: image(broken), durationSec: 1 }] }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RenderError);
    expect((error as RenderError).reason).toBe('input');
    expect((error as RenderError).message).toMatch(/could not read a source file/);
    expect((error as RenderError).message).toMatch(/broken\.jpg|Invalid data/);
    expect((await readdir(path.join(root, 'out'))).filter((f) => f.includes('broken'))).toEqual([]);
  });

  it('fails rather than deliver a short video when a clip holds fewer frames than probed', async () => {
    const engine = await testEngine(path.join(root, 'tmp-short'));
    // The clip really lasts 1 s; the plan claims 5 s and starts at 2 s, so nothing is read.
    const error = await engine
      .render(
        smallPlan('short.mp4', {
          clips: [
            {
              source: { kind: 'video', path: clip, width: 320, height: 240, durationSec: 5 },
              durationSec: 1,
              startSec: 2,
            },
          ],
        }),
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RenderError);
    expect((error as RenderError).message).toContain(
      'The video came out with 0 frames instead of 30: a source clip probably ends earlier',
    );
    expect((await readdir(path.join(root, 'out'))).filter((f) => f.includes('short'))).toEqual([]);
  });

  it('names a missing source file before starting ffmpeg', async () => {
    const engine = await testEngine(path.join(root, 'tmp-missing'));
    const missing = path.join(root, 'gone.jpg');
    await expect(
      engine.render(
        smallPlan('missing.mp4', { clips: [{ source: image(missing), durationSec: 1 }] }),
      ),
    ).rejects.toThrow(`A source file cannot be found: ${missing}`);
  });

  it('refuses an invalid plan with the field at fault', async () => {
    const engine = await testEngine(path.join(root, 'tmp-invalid'));
    const error = await engine.render(smallPlan('x.mp4', { clips: [] })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('BAD_INPUT');
    expect((error as AppError).message).toContain(
      'clips: A video needs at least one photo or clip.',
    );
  });
});
