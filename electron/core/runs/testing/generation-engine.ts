import path from 'node:path';
import { expect, vi } from 'vitest';
import type { ConfigRun } from '../../../../shared/domain/configs';
import { FfmpegTestRenderer } from '../../generation/testing/ffmpeg-test-renderer';
import { ListMediaSource } from '../../generation/testing/library-media-source';
import type { PowerEvents } from '../../ports';
import { FakeClock } from '../../testing/fake-clock';
import { flushAsync } from '../../testing/test-database';
import { createTestEngine, ok, type TestEngine } from '../../testing/test-engine';

export function manualPower(): PowerEvents & { resume(): void } {
  const listeners = new Set<() => void>();
  return {
    onSuspend: () => () => {},
    onResume(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    resume: () => listeners.forEach((listener) => listener()),
  };
}

export interface GenerationEngine extends TestEngine {
  renderer: FfmpegTestRenderer;
  media: ListMediaSource;
  power: ReturnType<typeof manualPower>;
  /** Moves the fake clock in steps, letting the engine react after each one. */
  walk(ms: number, stepMs?: number): Promise<void>;
}

/** A real engine whose runs render tiny clips with ffmpeg from a small list of media. */
export async function createGenerationEngine(
  options: { start?: number; dataDir?: string; clock?: FakeClock } = {},
): Promise<GenerationEngine> {
  const clock = options.clock ?? new FakeClock(options.start);
  const power = manualPower();
  const media = new ListMediaSource([
    ...['a', 'b', 'c'].map((name) => ({
      id: `clip-${name}`,
      path: `/library/beach/${name}.jpg`,
      kind: 'image' as const,
      durationMs: null,
      title: `Beach ${name.toUpperCase()}`,
      tags: ['beach'],
      folder: '/library/beach',
    })),
    {
      id: 'song',
      path: '/library/audio/song.mp3',
      kind: 'audio' as const,
      durationMs: 30_000,
      title: 'Song',
      tags: ['music'],
      folder: '/library/audio',
    },
  ]);
  let renderer: FfmpegTestRenderer | null = null;
  // The engine starts its queue before it returns: a render claimed at once waits for the renderer.
  let rendererMade: () => void = () => {};
  const rendererReady = new Promise<void>((resolve) => (rendererMade = resolve));
  const t = await createTestEngine({
    clock,
    power,
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    options: {
      shutdownGraceMs: 0,
      generation: {
        media,
        render: {
          render: async (plan, onProgress, signal) => {
            await rendererReady;
            return (renderer as FfmpegTestRenderer).render(plan, onProgress, signal);
          },
        },
      },
    },
  });
  renderer = new FfmpegTestRenderer(path.join(t.dataDir, 'rendered'));
  rendererMade();
  return {
    ...t,
    renderer,
    media,
    power,
    async walk(ms, stepMs = 60_000) {
      for (let moved = 0; moved < ms; moved += stepMs) {
        clock.advance(Math.min(stepMs, ms - moved));
        await flushAsync();
      }
    },
  };
}

/** Waits until the run is in one of `states` (as the history channel shows it) and returns it. */
export async function waitForRun(
  engine: TestEngine,
  id: string,
  states: string[],
  wait: { timeout: number; interval: number } = { timeout: 15_000, interval: 50 },
): Promise<ConfigRun> {
  let found: ConfigRun | undefined;
  await vi.waitFor(async () => {
    const runs = await ok<ConfigRun[]>(engine.engine.invoke('configs:history', { limit: 50 }));
    found = runs.find((run) => run.id === id);
    expect(states).toContain(found?.state);
  }, wait);
  return found as ConfigRun;
}
