import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemFfmpeg } from '../render/testing/render-fixtures';
import { CachedFfmpegTools } from './ffmpeg-tools';

describe('the ffmpeg tools port', () => {
  let root: string;
  let system: { ffmpegPath: string; ffprobePath: string };
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'reelpilot-ffmpeg-tools-'));
    system = await systemFfmpeg();
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  /** A folder holding ffmpeg and ffprobe scripts that hand over to the installed programs. */
  async function wrapperFolder(name: string): Promise<string> {
    const dir = path.join(root, name);
    await mkdir(dir, { recursive: true });
    for (const [program, target] of [
      ['ffmpeg', system.ffmpegPath],
      ['ffprobe', system.ffprobePath],
    ] as const) {
      const file = path.join(dir, program);
      await writeFile(file, `#!/bin/sh\nexec "${target}" "$@"\n`);
      await chmod(file, 0o755);
    }
    return path.join(dir, 'ffmpeg');
  }

  function toolsWith(setting: { path: string | null }) {
    return new CachedFfmpegTools({
      configuredPath: async () => setting.path,
      resourcesDir: path.join(root, 'no-resources'),
    });
  }

  it('finds the ffmpeg installed on this computer when Settings has no path', async () => {
    const tools = toolsWith({ path: null });
    expect(await tools.locate()).toMatchObject({ found: true, source: 'system' });
    expect(await tools.require('Testing needs ffmpeg.')).toEqual(system);
  });

  it('locates once, and again when the path in Settings changes', async () => {
    const wrapper = await wrapperFolder('kept');
    const setting: { path: string | null } = { path: wrapper };
    const tools = toolsWith(setting);
    expect(await tools.locate()).toMatchObject({ found: true, ffmpegPath: wrapper });
    // Gone from the disk: the kept answer still stands (a render would then say so in words).
    await rm(path.dirname(wrapper), { recursive: true });
    expect(await tools.locate()).toMatchObject({ found: true, ffmpegPath: wrapper });
    setting.path = null;
    expect(await tools.locate()).toMatchObject({ found: true, ffmpegPath: system.ffmpegPath });
  });

  it('says what cannot be done and what to do, and does not keep a failed look', async () => {
    const dir = path.join(root, 'later');
    const file = path.join(dir, 'ffmpeg');
    const tools = toolsWith({ path: file });
    await expect(
      tools.require('The media library needs ffmpeg and ffprobe.'),
    ).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: `The media library needs ffmpeg and ffprobe. No runnable program at ${file}. Check the path in Settings, or clear it to use the ffmpeg installed on this computer.`,
    });
    // Installed afterwards, under the same path: found without touching Settings.
    expect(await wrapperFolder('later')).toBe(file);
    expect(await tools.require('Testing needs ffmpeg.')).toMatchObject({ ffmpegPath: file });
  });

  it('checks a path being typed without changing what is kept', async () => {
    const wrapper = await wrapperFolder('typed');
    const tools = toolsWith({ path: null });
    expect(await tools.check(wrapper)).toMatchObject({ found: true, source: 'settings' });
    expect(await tools.check(path.join(root, 'nothing-here'))).toMatchObject({ found: false });
    expect(await tools.locate()).toMatchObject({ ffmpegPath: system.ffmpegPath });
    expect(await tools.check()).toMatchObject({ found: true, source: 'system' });
  });

  it('reads what the platforms check from a video', async () => {
    const video = path.join(root, 'tiny.mp4');
    execFileSync(system.ffmpegPath, [
      ...['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=64x96:rate=25', '-t', '1'],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-y', video],
    ]);
    const facts = await toolsWith({ path: null }).probeVideo(video);
    expect(facts).toMatchObject({ path: video, width: 64, height: 96, fps: 25 });
    expect(facts.durationSec).toBeCloseTo(1, 1);
    expect(facts.sizeBytes).toBeGreaterThan(0);
  });
});
