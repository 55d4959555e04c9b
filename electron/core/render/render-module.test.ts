import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CachedFfmpegTools } from '../ffmpeg/ffmpeg-tools';
import { silentLogger } from '../logging/file-logger';
import { ffmpegForRender } from './render-module';
import { createRenderEngine } from './render-engine';
import { bundledFont, makePhoto, systemFfmpeg } from './testing/render-fixtures';

describe("the render engine's ffmpeg", () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'reelpilot-render-ffmpeg-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  const toolsWith = (configured: string | null) =>
    new CachedFfmpegTools({ configuredPath: async () => configured, resourcesDir: root });

  it('is the ffmpeg installed on this computer when Settings has no path', async () => {
    expect((await ffmpegForRender(toolsWith(null))).ffmpegPath).toBe(
      (await systemFfmpeg()).ffmpegPath,
    );
  });

  it('fails a render with the locator message when the Settings path is wrong', async () => {
    const photo = path.join(root, 'p.jpg');
    await makePhoto((await systemFfmpeg()).ffmpegPath, photo);
    const notAProgram = path.join(root, 'not-ffmpeg');
    await writeFile(notAProgram, 'text');
    const tools = toolsWith(notAProgram);
    const engine = createRenderEngine({
      resolveFfmpeg: () => ffmpegForRender(tools),
      fontFile: bundledFont,
      tempDir: path.join(root, 'tmp'),
      logger: silentLogger,
    });
    await expect(
      engine.render({
        clips: [
          {
            source: { kind: 'image', path: photo, width: 360, height: 480, durationSec: null },
            durationSec: 1,
          },
        ],
        outputPath: path.join(root, 'out.mp4'),
      }),
    ).rejects.toMatchObject({
      reason: 'ffmpeg-missing',
      code: 'UNAVAILABLE',
      message: `No runnable program at ${notAProgram}. Check the path in Settings, or clear it to use the ffmpeg installed on this computer.`,
    });
  });
});
