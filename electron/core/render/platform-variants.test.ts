import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeOutput, topLevelBoxes } from './ffprobe-output';
import { variantPath, variantSize } from './platform-variants';
import { ffmpegRun, systemFfmpeg, testEngine } from './testing/render-fixtures';

describe('variantSize', () => {
  it('scales a vertical full-HD video into 1280x1024 for X, keeping the aspect', () => {
    expect(variantSize('x', { width: 1080, height: 1920 })).toEqual({ width: 576, height: 1024 });
    expect(variantSize('x', { width: 1080, height: 1080 })).toEqual({ width: 1024, height: 1024 });
    expect(variantSize('x', { width: 1920, height: 1080 })).toEqual({ width: 1280, height: 720 });
  });

  it('needs no variant when the video already fits', () => {
    expect(variantSize('x', { width: 576, height: 1024 })).toBeNull();
    expect(variantSize('tiktok', { width: 1080, height: 1920 })).toBeNull();
    expect(variantSize('instagram', { width: 1080, height: 1920 })).toBeNull();
  });

  it('names the copy after the platform beside the video', () => {
    expect(variantPath('/v/2026/clip.mp4', 'x')).toBe('/v/2026/clip.x.mp4');
  });
});

describe('variantFor', () => {
  let root: string;
  let ffmpeg: Awaited<ReturnType<typeof systemFfmpeg>>;
  let video: string;

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'reelpilot-variant-'));
    ffmpeg = await systemFfmpeg();
    video = path.join(root, 'tall.mp4');
    // A 1080x1920 second, as a full render would be; ultrafast keeps the test quick.
    await ffmpegRun(ffmpeg.ffmpegPath, [
      '-f',
      'lavfi',
      '-i',
      'testsrc2=s=1080x1920:r=30:d=1',
      '-f',
      'lavfi',
      '-i',
      'sine=d=1',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-pix_fmt',
      'yuv420p',
      '-c:a',
      'aac',
      '-ar',
      '48000',
      '-ac',
      '2',
      '-shortest',
      '-y',
      video,
    ]);
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  const source = () => ({ path: video, width: 1080, height: 1920, fps: 30, durationMs: 1000 });

  it('uploads the video itself where it fits', async () => {
    const engine = await testEngine(path.join(root, 'tmp'));
    expect(await engine.variantFor('youtube', source())).toEqual({
      path: video,
      width: 1080,
      height: 1920,
      scaled: false,
    });
  });

  it('renders an X copy scaled to fit 1280x1024, platform-ready, and reuses it', async () => {
    const engine = await testEngine(path.join(root, 'tmp'));
    const fractions: number[] = [];
    const variant = await engine.variantFor('x', source(), (p) => fractions.push(p.fraction));
    expect(variant).toEqual({
      path: path.join(root, 'tall.x.mp4'),
      width: 576,
      height: 1024,
      scaled: true,
    });
    const facts = await probeOutput(ffmpeg.ffprobePath, variant.path);
    expect(facts.video).toMatchObject({
      codec: 'h264',
      pixFmt: 'yuv420p',
      width: 576,
      height: 1024,
      fps: 30,
      frames: 30,
    });
    expect(facts.audio).toMatchObject({ codec: 'aac', sampleRate: 48000 });
    const boxes = await topLevelBoxes(variant.path);
    expect(boxes.indexOf('moov')).toBeLessThan(boxes.indexOf('mdat'));
    expect(fractions.at(-1)).toBe(1);

    const before = await stat(variant.path);
    const again = await engine.variantFor('x', source());
    expect(again).toEqual(variant);
    expect((await stat(variant.path)).mtimeMs).toBe(before.mtimeMs);
    expect((await readdir(root)).filter((f) => f.endsWith('.part'))).toEqual([]);
  });
});
