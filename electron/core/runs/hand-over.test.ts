import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Config, ConfigRun } from '../../../shared/domain/configs';
import { sampleConfig } from '../configs/testing/sample-config';
import { ok } from '../testing/test-engine';
import { createGenerationEngine, type GenerationEngine } from './testing/generation-engine';

let t: GenerationEngine | null = null;
afterEach(async () => {
  await t?.dispose();
  t = null;
});

async function runOf(engine: GenerationEngine, id: string): Promise<ConfigRun> {
  const runs = await ok<ConfigRun[]>(engine.engine.invoke('configs:history', { limit: 10 }));
  const run = runs.find((r) => r.id === id);
  if (!run) throw new Error(`run ${id} not found`);
  return run;
}

describe('handing a rendered video to distribution', () => {
  it('shows a failed hand-over on the run, and retries it without rendering again', async () => {
    const engine = await createGenerationEngine();
    t = engine;
    let failures = 1;
    const received: string[] = [];
    engine.engine.services.execution.onVideoRendered(async (video) => {
      if (failures-- > 0) throw new Error('the X-size copy could not be made');
      received.push(video.outputPath);
    });
    const input = sampleConfig({ kind: 'daily', times: ['09:00'] });
    input.distribution = { ...input.distribution, videosPerRun: 1 };
    const config = await ok<Config>(engine.engine.invoke('configs:create', input));
    const started = await ok<ConfigRun>(
      engine.engine.invoke('configs:executeNow', { id: config.id }),
    );
    await vi.waitFor(
      async () =>
        expect((await runOf(engine, started.id)).videos[0]?.error).toMatch(
          /rendered but could not be handed to posting: the X-size copy could not be made.*retried/,
        ),
      { timeout: 15_000, interval: 50 },
    );
    const failed = (await runOf(engine, started.id)).videos[0]!;
    expect(failed.state).toBe('queued');
    expect(failed.outputPath).toBeTruthy();
    // The retry after its backoff hands the same file over; nothing is rendered twice.
    await vi.waitFor(
      async () => {
        await engine.walk(10_000, 2_000);
        expect((await runOf(engine, started.id)).state).toBe('succeeded');
      },
      { timeout: 15_000, interval: 50 },
    );
    expect(engine.renderer.plans).toHaveLength(1);
    expect(received).toEqual([failed.outputPath]);
    expect(existsSync(failed.outputPath!)).toBe(true);
  });
});
