import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MediaItem } from '../../../shared/domain/media';
import { silentLogger } from '../logging/file-logger';
import type { RenderEngine } from '../render/render-module';
import type { RenderPlan } from './generation-ports';
import { LibraryRenderPort } from './library-render-port';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const plan: RenderPlan = {
  outputName: 'Beach-2026-01-15-abcdef12-1',
  configName: 'Beach',
  aspect: '9:16',
  lengthSeconds: 3,
  stylePreset: 'clean',
  motion: 'none',
  transition: { type: 'none', durationMs: 0 },
  clips: [],
  audio: null,
  textOverlay: null,
  maxBytes: null,
};

describe('the render port of config runs', () => {
  it('renders every video to a fresh file of its own, even when the bytes are identical', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'reelpilot-port-'));
    // A render engine that writes the same bytes every time, and never over an existing file.
    const engine = {
      render: async (input: { outputPath: string }) => {
        writeFileSync(input.outputPath, 'identical video', { flag: 'wx' });
        return {
          outputPath: input.outputPath,
          durationMs: 3000,
          width: 1080,
          height: 1920,
          fps: 30,
          frames: 90,
          sizeBytes: 15,
          elapsedMs: 1,
        };
      },
    } as unknown as RenderEngine;
    // The library keeps one item per content: the second render is a duplicate of the first.
    const registered: MediaItem[] = [];
    const library = {
      getMany: async () => [],
      registerRendered: async (file: string) => {
        registered.push(registered[0] ?? ({ id: 'item-1', path: file } as MediaItem));
        return registered[0]!;
      },
    };
    const port = new LibraryRenderPort({
      engine,
      library,
      rendersDir: dir,
      logger: silentLogger,
    });
    const signal = new AbortController().signal;
    const a = await port.render(plan, () => {}, signal);
    const b = await port.render(plan, () => {}, signal);
    expect(a.outputPath).not.toBe(b.outputPath);
    expect(path.dirname(a.outputPath)).toBe(dir);
    expect(path.basename(b.outputPath)).toMatch(/^Beach-2026-01-15-abcdef12-1-[0-9a-f]{8}\.mp4$/);
    // Each video keeps its own file, not the library's earlier copy.
    expect(registered.map((item) => item.path)).toEqual([a.outputPath, a.outputPath]);
    for (const file of [a.outputPath, b.outputPath])
      expect(readFileSync(file, 'utf8')).toBe('identical video');
    expect(existsSync(b.outputPath)).toBe(true);
  });
});
