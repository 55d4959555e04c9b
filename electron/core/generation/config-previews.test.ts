import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RenderResult } from '../../../shared/domain/render';
import { silentLogger } from '../logging/file-logger';
import { RenderError } from '../render/ffmpeg-process';
import { FakeClock } from '../testing/fake-clock';
import { RecordingEventSink } from '../testing/test-engine';
import { ConfigPreviews } from './config-previews';
import type { LibraryRenderPort } from './library-render-port';
import { ListMediaSource } from './testing/library-media-source';
import { sampleConfig } from '../configs/testing/sample-config';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A port that writes a few bytes per preview, or waits for its signal when told to. */
function fakePort(options: { hold?: boolean } = {}) {
  const signals: AbortSignal[] = [];
  const port = {
    async preview(
      _plan: unknown,
      outputPath: string,
      _options: unknown,
      onProgress: (p: { fraction: number }) => void,
      signal: AbortSignal,
    ): Promise<RenderResult> {
      signals.push(signal);
      if (options.hold && signals.length === 1) {
        await new Promise((_resolve, reject) =>
          signal.addEventListener('abort', () => reject(new RenderError('cancelled', 'Stopped.'))),
        );
      }
      onProgress({ fraction: 0.5 });
      writeFileSync(outputPath, 'mp4');
      return {
        outputPath,
        durationMs: 1000,
        width: 202,
        height: 360,
        fps: 30,
        frames: 30,
        sizeBytes: 3,
        elapsedMs: 5,
      };
    },
  };
  return { port: port as unknown as LibraryRenderPort, signals };
}

function previews(port: LibraryRenderPort, events = new RecordingEventSink()) {
  dir = mkdtempSync(path.join(os.tmpdir(), 'reelpilot-previews-'));
  let next = 0;
  return new ConfigPreviews({
    port,
    media: new ListMediaSource([
      {
        id: 'a',
        path: '/library/a.jpg',
        kind: 'image',
        durationMs: null,
        title: 'A',
        tags: ['beach'],
        folder: '/library',
      },
    ]),
    dir: path.join(dir, 'previews'),
    clock: new FakeClock(),
    ids: { newId: () => `p${(next += 1)}` },
    events,
    logger: silentLogger,
    keep: 2,
  });
}

const input = (requestId: string) => ({
  requestId,
  config: sampleConfig({ kind: 'hourly', minute: 0 }),
  seconds: 1,
});

describe('config previews', () => {
  it('keeps the last few previews and removes older files', async () => {
    const events = new RecordingEventSink();
    const service = previews(fakePort().port, events);
    const first = await service.preview(input('r1'));
    const second = await service.preview(input('r2'));
    const third = await service.preview(input('r3'));
    expect(service.fileOf(first.previewId)).toBeNull();
    expect(existsSync(path.join(dir, 'previews', `${first.previewId}.mp4`))).toBe(false);
    expect(service.fileOf(second.previewId)).toBe(path.join(dir, 'previews', 'p2.mp4'));
    expect(service.fileOf(third.previewId)).not.toBeNull();
    expect(events.of('configs:previewProgress')).toContainEqual({ requestId: 'r3', fraction: 0.5 });
  });

  it('stops a preview still rendering when a newer one is asked for', async () => {
    const { port, signals } = fakePort({ hold: true });
    const service = previews(port);
    const older = service.preview(input('old')).then(
      () => null,
      (error: unknown) => error,
    );
    await new Promise((resolve) => setTimeout(resolve, 10));
    const newer = await service.preview(input('new'));
    expect(await older).toMatchObject({ reason: 'cancelled' });
    expect(signals[0]?.aborted).toBe(true);
    expect(service.fileOf(newer.previewId)).not.toBeNull();
  });
});
